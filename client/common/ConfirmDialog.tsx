import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** What a confirmation asks: a question, what will happen, and the words on the confirm button. */
export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
}

/**
 * A modal question before an action that is hard to take back (a phase for every board, ending
 * a board). The native <dialog> gives focus trapping, Escape to cancel and the backdrop; focus
 * starts on "Batal", so a stray second tap cannot confirm.
 */
export function ConfirmDialog(props: { request: ConfirmRequest | null; onClose(): void }) {
  const { messages } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const { request, onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request !== null && !dialog.open) dialog.showModal();
    if (request === null && dialog.open) dialog.close();
  }, [request]);

  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onClose={onClose}
      data-testid="confirm-dialog"
    >
      {request && (
        <form method="dialog" className="confirm__form">
          <h2 id="confirm-title">{request.title}</h2>
          <p id="confirm-body">{request.body}</p>
          <div className="button-row confirm__actions">
            <button type="submit" className="btn" autoFocus data-testid="confirm-cancel">
              {messages.cancel}
            </button>
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => {
                request.onConfirm();
                onClose();
              }}
              data-testid="confirm-ok"
            >
              {request.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

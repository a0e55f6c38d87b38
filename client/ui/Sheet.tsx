import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useVisibleHeight } from './useKeyboardSafeArea';

/** A form anchored at the top and sized to the visible viewport, so the keyboard never hides it. */
export function Sheet(props: {
  title: string;
  testId: string;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
  /** The submit button's text (default "Simpan"); `null` shows only a close button. */
  saveLabel?: string | null;
  /** The submit button does something that removes work (shown in red). */
  danger?: boolean;
}) {
  const { messages } = useI18n();
  const visibleHeight = useVisibleHeight();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <div
      className="sheet-backdrop"
      onPointerDown={(e) => e.target === e.currentTarget && props.onCancel()}
    >
      <form
        className="sheet"
        data-testid={props.testId}
        onSubmit={submit}
        style={{ maxHeight: Math.max(240, visibleHeight - 24) }}
        onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
      >
        <h2 className="sheet__title">{props.title}</h2>
        <div className="sheet__body">{props.children}</div>
        <div className="sheet__actions">
          <button
            type="button"
            className="btn btn--ghost"
            onClick={props.onCancel}
            data-testid="sheet-cancel"
          >
            {props.saveLabel === null ? messages.close : messages.cancel}
          </button>
          {props.saveLabel !== null && (
            <button
              type="submit"
              className={`btn ${props.danger ? 'btn--danger' : 'btn--primary'}`}
              data-testid="sheet-save"
            >
              {props.saveLabel ?? messages.save}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

import { useEffect } from 'react';

/** How long a confirmation stays on screen (longer when it offers to take the change back). */
const TOAST_MS = 4_500;
const TOAST_WITH_ACTION_MS = 8_000;

/** One button a toast may carry, e.g. "Kembalikan" after a delete. */
export interface ToastAction {
  label: string;
  onAct(): void;
}

/** A short confirmation at the bottom of the screen that goes away by itself. */
export function Toast(props: { message: string; action?: ToastAction; onDone(): void }) {
  const { message, action, onDone } = props;
  useEffect(() => {
    const timer = setTimeout(onDone, action ? TOAST_WITH_ACTION_MS : TOAST_MS);
    return () => clearTimeout(timer);
  }, [message, action, onDone]);
  return (
    <div className="toast" role="status" aria-live="polite" data-testid="toast">
      <span>{message}</span>
      {action && (
        <button
          type="button"
          className="btn toast__action"
          data-testid="toast-action"
          onClick={() => {
            action.onAct();
            onDone();
          }}
        >
          {action.label}
        </button>
      )}
    </div>
  );
}

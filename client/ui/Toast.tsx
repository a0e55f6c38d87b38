import { useEffect } from 'react';

/** How long a confirmation stays on screen. */
const TOAST_MS = 4_500;

/** A short confirmation at the bottom of the screen that goes away by itself. */
export function Toast(props: { message: string; onDone(): void }) {
  const { message, onDone } = props;
  useEffect(() => {
    const timer = setTimeout(onDone, TOAST_MS);
    return () => clearTimeout(timer);
  }, [message, onDone]);
  return (
    <div className="toast" role="status" aria-live="polite" data-testid="toast">
      {message}
    </div>
  );
}

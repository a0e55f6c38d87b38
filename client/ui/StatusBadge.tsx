import { useControl, usePendingChanges } from '../board/ControlContext';
import { useI18n } from '../i18n/I18nProvider';

/** Online / offline / syncing, with the number of our changes the server has not stored yet. */
export function StatusBadge() {
  const { status } = useControl();
  const pending = usePendingChanges();
  const { messages } = useI18n();
  const label =
    status === 'online'
      ? messages.statusOnline
      : status === 'offline'
        ? messages.statusOffline
        : messages.statusSyncing;
  return (
    <div
      className={`status-badge status-badge--${status}`}
      data-testid="status-badge"
      data-status={status}
      data-pending={pending ?? ''}
      role="status"
    >
      <span className="status-badge__dot" aria-hidden />
      <span>{label}</span>
      {pending !== null && pending > 0 && (
        // Short, so the bar does not grow (and the canvas shrink) with every unsaved change.
        <span className="status-badge__pending" title={messages.unsaved(pending)}>
          · {pending}
          <span className="visually-hidden"> {messages.unsaved(pending)}</span>
        </span>
      )}
    </div>
  );
}

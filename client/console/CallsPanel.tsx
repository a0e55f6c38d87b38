import { useI18n } from '../i18n/I18nProvider';
import { groupCalls, type CallGroup } from './groupCalls';
import type { FacilitatorCall, LiveBoard } from './parseLive';
import { clockTime } from './relativeTime';

/** Tables asking for a facilitator, one line per person, most recent first, each dismissable. */
export function CallsPanel(props: {
  calls: readonly FacilitatorCall[];
  boards: readonly LiveBoard[];
  onDismiss(group: CallGroup): void;
}) {
  const { messages } = useI18n();
  if (props.calls.length === 0) return null;
  const groups = groupCalls(props.calls);
  return (
    <section
      className="calls"
      role="alert"
      aria-live="assertive"
      aria-labelledby="calls-title"
      data-testid="calls"
    >
      <h2 id="calls-title">{messages.facilitatorCalls}</h2>
      <ul>
        {groups.map((group) => {
          const board = props.boards.find((b) => b.id === group.boardId);
          const title = board?.title ?? group.boardId;
          const name = group.name || messages.someone;
          return (
            <li key={group.key} className="calls__item" data-testid="call" data-count={group.count}>
              <strong>{title}</strong>
              <span>{name}</span>
              {group.count > 1 && (
                <span className="calls__count" data-testid="call-count">
                  {messages.callTimes(group.count)}
                </span>
              )}
              <span className="calls__time">
                {group.count > 1
                  ? messages.callSince(clockTime(group.firstAt), clockTime(group.lastAt))
                  : clockTime(group.lastAt)}
              </span>
              <button
                type="button"
                className="btn"
                onClick={() => props.onDismiss(group)}
                aria-label={messages.dismissCallOf(name, title)}
                data-testid="dismiss-call"
              >
                {messages.dismiss}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

import { useI18n } from '../i18n/I18nProvider';
import type { FacilitatorCall, LiveBoard } from './parseLive';
import { clockTime } from './relativeTime';

/** Tables asking for a facilitator, newest first, each dismissable. */
export function CallsPanel(props: {
  calls: readonly FacilitatorCall[];
  boards: readonly LiveBoard[];
  onDismiss(call: FacilitatorCall): void;
}) {
  const { messages } = useI18n();
  if (props.calls.length === 0) return null;
  return (
    <section className="calls" role="alert" aria-live="assertive" data-testid="calls">
      <h2>{messages.facilitatorCalls}</h2>
      <ul>
        {props.calls.map((call, i) => {
          const board = props.boards.find((b) => b.id === call.boardId);
          return (
            <li key={`${call.boardId}-${call.at}-${i}`} className="calls__item">
              <strong>{board?.title ?? call.boardId}</strong>
              <span>{call.name || messages.someone}</span>
              <span className="calls__time">{clockTime(call.at)}</span>
              <button
                type="button"
                className="btn"
                onClick={() => props.onDismiss(call)}
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

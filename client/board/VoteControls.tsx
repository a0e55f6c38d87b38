import { useRef, type SyntheticEvent } from 'react';
import { useEditor, useSvgExportContext } from 'tldraw';
import { useI18n } from '../i18n/I18nProvider';
import { useVotingOn } from './VotingContext';

/** How long a press on "+" lasts before it takes a dot back instead. */
const LONG_PRESS_MS = 550;

/**
 * Dot votes on one card or cluster: the total, this person's dots, and (in the Pilih phase)
 * "+" to add a dot and "−" (or a long press on "+") to take one back. Rendered inside tldraw
 * shapes: the pointer events are marked handled here so a tap never starts a drag or a selection.
 */
export function VoteControls({ targetId, kind }: { targetId: string; kind: 'card' | 'cluster' }) {
  const editor = useEditor();
  const voting = useVotingOn(targetId);
  const exporting = useSvgExportContext() !== null;
  const { messages } = useI18n();
  // Refs, not locals: taking a dot back re-renders the card while the finger is still down.
  const pressTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const longPressed = useRef(false);
  const pressed = useRef<'add' | 'remove' | null>(null);
  if (voting === null) return null;
  const { total, mine } = voting;
  const open = voting.open && !exporting;
  if (!open && total === 0) return null;
  const handled = (e: SyntheticEvent) => {
    editor.markEventAsHandled(e);
    e.stopPropagation();
  };
  const cancelPress = () => {
    if (pressTimer.current !== null) clearTimeout(pressTimer.current);
    pressTimer.current = null;
    pressed.current = null;
  };
  const add = () => {
    if (!voting.ledger.add(targetId, voting.budget)) voting.onRefused();
  };
  const remove = () => voting.ledger.remove(targetId);
  // Taps act on pointer-up: tldraw keeps touch from turning into clicks. A click with no
  // pointer behind it (detail 0) is the keyboard.
  return (
    <div
      className={`votes votes--${kind}${open ? ' votes--open' : ''}`}
      data-testid={`votes-${kind}`}
      data-target={targetId}
      data-total={total}
      data-mine={mine}
      onPointerDown={open ? handled : undefined}
      onPointerUp={open ? handled : undefined}
    >
      <span className="votes__dots" aria-label={messages.votes(total)}>
        {Array.from({ length: Math.min(total, 12) }, (_, i) => (
          <span key={i} className={`votes__dot${i < mine ? ' votes__dot--mine' : ''}`} />
        ))}
        <span className="votes__count">{messages.votes(total)}</span>
      </span>
      {open && mine > 0 && (
        <button
          type="button"
          className="votes__btn"
          aria-label={messages.voteRemove}
          title={messages.voteRemove}
          data-testid="vote-remove"
          onPointerDown={(e) => {
            handled(e);
            pressed.current = 'remove';
          }}
          onPointerUp={(e) => {
            handled(e);
            if (pressed.current === 'remove') remove();
            pressed.current = null;
          }}
          onPointerCancel={cancelPress}
          onClick={(e) => {
            handled(e);
            if (e.detail === 0) remove();
          }}
        >
          −
        </button>
      )}
      {open && (
        <button
          type="button"
          className="votes__btn votes__btn--add"
          aria-label={messages.voteAdd}
          title={messages.voteAdd}
          data-testid="vote-add"
          onPointerDown={(e) => {
            handled(e);
            cancelPress();
            longPressed.current = false;
            pressed.current = 'add';
            pressTimer.current = setTimeout(() => {
              pressTimer.current = null;
              longPressed.current = true;
              remove();
            }, LONG_PRESS_MS);
          }}
          onPointerUp={(e) => {
            handled(e);
            const tap = pressed.current === 'add' && !longPressed.current;
            cancelPress();
            if (tap) add();
          }}
          onPointerCancel={cancelPress}
          onClick={(e) => {
            handled(e);
            if (e.detail === 0) add();
          }}
        >
          +
        </button>
      )}
    </div>
  );
}

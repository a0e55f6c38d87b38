import type { SyntheticEvent } from 'react';
import { useEditor, useSvgExportContext, useValue } from 'tldraw';
import { useI18n } from '../i18n/I18nProvider';
import { useTapGesture } from './useTapGesture';
import { useVotingOn } from './VotingContext';

/** A vote button is at least this big on screen (CSS px), at any zoom. */
export const VOTE_TARGET_PX = 48;
/**
 * Below this zoom a button of VOTE_TARGET_PX would cover most of a card: the buttons give way to
 * the list ("Pilih dari daftar") and the shapes show only their dots.
 */
export const MIN_VOTE_ZOOM = 0.7;

/**
 * Dot votes on one card or cluster: the total, this person's dots, and (in the Pilih phase)
 * "+" to add a dot and "−" (or a long press on "+") to take one back. A dot counts when the
 * finger lifts without having moved: starting a drag or a pinch on "+" spends nothing, and the
 * drag or pinch goes on. The buttons keep their size on screen whatever the zoom.
 */
export function VoteControls({ targetId, kind }: { targetId: string; kind: 'card' | 'cluster' }) {
  const editor = useEditor();
  const voting = useVotingOn(targetId);
  const exporting = useSvgExportContext() !== null;
  const { messages } = useI18n();
  // In steps: a pinch does not re-render every card on every frame.
  const zoom = useValue('zoom', () => Math.round(editor.getZoomLevel() * 20) / 20, [editor]);
  const add = () => {
    if (voting && !voting.ledger.add(targetId, voting.budget)) voting.onRefused();
  };
  const remove = () => voting?.ledger.remove(targetId);
  const addGesture = useTapGesture({ onTap: add, onLongPress: remove });
  const removeGesture = useTapGesture({ onTap: remove });
  if (voting === null) return null;
  const { total, mine } = voting;
  const open = voting.open && !exporting;
  const buttons = open && zoom >= MIN_VOTE_ZOOM;
  if (!open && total === 0) return null;
  // In page units, so that on screen the button is VOTE_TARGET_PX at this zoom.
  const size = VOTE_TARGET_PX / zoom;
  const keyboard = (e: SyntheticEvent & { detail: number }, act: () => void) => {
    e.stopPropagation();
    if (e.detail === 0) act();
  };
  return (
    <div
      className={`votes votes--${kind}${open ? ' votes--open' : ''}`}
      data-testid={`votes-${kind}`}
      data-target={targetId}
      data-total={total}
      data-mine={mine}
    >
      <span className="votes__dots" aria-label={messages.votes(total)}>
        {Array.from({ length: Math.min(total, 12) }, (_, i) => (
          <span key={i} className={`votes__dot${i < mine ? ' votes__dot--mine' : ''}`} />
        ))}
        <span className="votes__count">{messages.votes(total)}</span>
      </span>
      {buttons && mine > 0 && (
        <button
          type="button"
          className="votes__btn"
          style={{ width: size, height: size, fontSize: size / 2 }}
          aria-label={messages.voteRemove}
          title={messages.voteRemove}
          data-testid="vote-remove"
          onPointerDown={removeGesture}
          onClick={(e) => keyboard(e, remove)}
        >
          −
        </button>
      )}
      {buttons && (
        <button
          type="button"
          className="votes__btn votes__btn--add"
          style={{ width: size, height: size, fontSize: size / 2 }}
          aria-label={messages.voteAdd}
          title={messages.voteAdd}
          data-testid="vote-add"
          onPointerDown={addGesture}
          onClick={(e) => keyboard(e, add)}
        >
          +
        </button>
      )}
    </div>
  );
}

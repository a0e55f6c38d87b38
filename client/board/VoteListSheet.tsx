import { useValue, type Editor } from 'tldraw';
import { CARD_SHAPE_TYPE, CLUSTER_SHAPE_TYPE } from '../binding/cardShapeProps';
import { recordIdOfShape } from '../binding/shapeIds';
import { useI18n } from '../i18n/I18nProvider';
import { useVoting } from './VotingContext';

interface Target {
  id: string;
  kind: 'cluster' | 'card';
  label: string;
}

/**
 * "Pilih dari daftar": every issue and card as a row with big − and + (at any zoom, and for
 * people who find tiny buttons on a moving canvas hard). Issues first, then their cards.
 */
export function VoteListSheet(props: { editor: Editor; onClose(): void }) {
  const { editor } = props;
  const { messages } = useI18n();
  const voting = useVoting();
  const targets = useValue(
    'vote targets',
    () => {
      const out: Target[] = [];
      for (const shape of editor.getCurrentPageShapesSorted()) {
        const id = recordIdOfShape(shape.id);
        if (id === null) continue;
        if (shape.type === CLUSTER_SHAPE_TYPE) {
          out.push({ id, kind: 'cluster', label: (shape.props as { name: string }).name });
        } else if (shape.type === CARD_SHAPE_TYPE) {
          out.push({ id, kind: 'card', label: (shape.props as { text: string }).text });
        }
      }
      return out;
    },
    [editor],
  );
  if (voting === null) return null;
  const left = Math.max(0, voting.budget - voting.votes.used);
  return (
    <aside className="side-sheet" data-testid="vote-list" aria-label={messages.voteListTitle}>
      <h2 className="side-sheet__title">{messages.voteListTitle}</h2>
      <p className="sheet__help">
        {messages.voteListHelp} <strong>{messages.votesLeft(left)}</strong>
      </p>
      <ul className="vote-list">
        {targets.map((t) => {
          const total = voting.votes.totals.get(t.id) ?? 0;
          const mine = voting.votes.mine.get(t.id) ?? 0;
          return (
            <li
              key={t.id}
              className={`vote-list__item vote-list__item--${t.kind}`}
              data-testid="vote-list-item"
              data-target={t.id}
              data-mine={mine}
            >
              <span className="vote-list__label">{t.label || messages.clusterUntitled}</span>
              <span className="vote-list__count">{messages.votes(total)}</span>
              <button
                type="button"
                className="votes__btn vote-list__btn"
                aria-label={messages.voteRemove}
                disabled={mine === 0}
                onClick={() => voting.ledger.remove(t.id)}
                data-testid="vote-list-remove"
              >
                −
              </button>
              <button
                type="button"
                className="votes__btn votes__btn--add vote-list__btn"
                aria-label={messages.voteAdd}
                onClick={() => {
                  if (!voting.ledger.add(t.id, voting.budget)) voting.onRefused();
                }}
                data-testid="vote-list-add"
              >
                +
              </button>
            </li>
          );
        })}
      </ul>
      <div className="sheet__actions side-sheet__actions">
        <button type="button" className="btn btn--ghost" onClick={props.onClose}>
          {messages.close}
        </button>
      </div>
    </aside>
  );
}

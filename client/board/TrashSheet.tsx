import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readTrash, restoreCard, trashMap } from '../../shared/board/cardTrash';
import { useI18n } from '../i18n/I18nProvider';

/** "Kartu terhapus": the cards deleted on this board, each with "Kembalikan" for anyone. */
export function TrashSheet(props: {
  doc: Y.Doc;
  origin: unknown;
  onRestored(): void;
  onClose(): void;
}) {
  const { doc } = props;
  const { messages } = useI18n();
  const [items, setItems] = useState(() => readTrash(doc));
  useEffect(() => {
    const update = () => setItems(readTrash(doc));
    trashMap(doc).observe(update);
    return () => trashMap(doc).unobserve(update);
  }, [doc]);
  return (
    <aside className="side-sheet" data-testid="trash-sheet" aria-label={messages.trashTitle}>
      <h2 className="side-sheet__title">{messages.trashTitle}</h2>
      <p className="sheet__help">{messages.trashHelp}</p>
      <ul className="trash">
        {items.map((item) => (
          <li key={item.cardId} className="trash__item" data-testid="trash-item">
            <p className="trash__text">“{item.text}”</p>
            <p className="trash__meta">
              {item.authorName && messages.by(item.authorName)}
              {item.deletedBy && ` · ${messages.trashDeletedBy(item.deletedBy)}`}
            </p>
            <button
              type="button"
              className="btn"
              data-testid="trash-restore"
              onClick={() => {
                if (restoreCard(doc, item.cardId, props.origin)) props.onRestored();
              }}
            >
              {messages.restore}
            </button>
          </li>
        ))}
      </ul>
      <div className="sheet__actions side-sheet__actions">
        <button type="button" className="btn btn--ghost" onClick={props.onClose}>
          {messages.close}
        </button>
      </div>
    </aside>
  );
}

import { useState } from 'react';
import { useValue, type Editor } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import type { Author } from '../../shared/board/types';
import type { DocEditorBinding } from '../binding/DocEditorBinding';
import { useI18n } from '../i18n/I18nProvider';
import { CardForm } from '../ui/CardForm';
import { ClusterForm } from '../ui/ClusterForm';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PeopleList } from '../ui/PeopleList';
import { StatusBadge } from '../ui/StatusBadge';
import { useBoardInfo } from './BoardInfoContext';
import { addCardShape, addClusterShape, selectedCard, updateCardShape } from './canvasActions';

type Open = 'none' | 'new-card' | 'edit-card' | 'new-cluster';

/** Our layer over the canvas: status, people, language, and the big tablet actions. */
export function BoardToolbar(props: {
  editor: Editor;
  binding: DocEditorBinding;
  awareness: Awareness;
  author: Author;
  onChangeName(): void;
}) {
  const { editor, binding } = props;
  const { messages } = useI18n();
  const info = useBoardInfo();
  const [open, setOpen] = useState<Open>('none');
  const card = useValue('selected card', () => selectedCard(editor), [editor]);
  return (
    <>
      <div className="board-topbar">
        <span className="board-topbar__title" data-testid="board-title">
          {info.title}
        </span>
        <StatusBadge />
        <PeopleList awareness={props.awareness} />
        <button type="button" className="btn btn--small" onClick={props.onChangeName}>
          {props.author.name}
        </button>
        <LanguageSwitch />
      </div>
      <div className="board-actions">
        {card && (
          <button
            type="button"
            className="btn btn--big"
            onClick={() => setOpen('edit-card')}
            data-testid="edit-card"
          >
            {messages.editCard}
          </button>
        )}
        <button
          type="button"
          className="btn btn--big"
          onClick={() => setOpen('new-cluster')}
          data-testid="add-cluster"
        >
          {messages.addCluster}
        </button>
        <button
          type="button"
          className="btn btn--big btn--primary"
          onClick={() => setOpen('new-card')}
          data-testid="add-card"
        >
          {messages.addCard}
        </button>
      </div>
      <div className="board-undo">
        <button
          type="button"
          className="btn btn--icon"
          aria-label={messages.undo}
          title={messages.undo}
          onClick={() => binding.undoManager.undo()}
          data-testid="undo"
        >
          ↶
        </button>
        <button
          type="button"
          className="btn btn--icon"
          aria-label={messages.redo}
          title={messages.redo}
          onClick={() => binding.undoManager.redo()}
          data-testid="redo"
        >
          ↷
        </button>
      </div>
      {open === 'new-card' && (
        <CardForm
          initial={null}
          onCancel={() => setOpen('none')}
          onSave={(value) => {
            addCardShape(editor, value, props.author);
            setOpen('none');
          }}
        />
      )}
      {open === 'edit-card' && card && (
        <CardForm
          initial={card.props}
          onCancel={() => setOpen('none')}
          onSave={(value) => {
            updateCardShape(editor, card.id, value);
            setOpen('none');
          }}
        />
      )}
      {open === 'new-cluster' && (
        <ClusterForm
          onCancel={() => setOpen('none')}
          onSave={(title) => {
            addClusterShape(editor, title || messages.clusterUntitled);
            setOpen('none');
          }}
        />
      )}
    </>
  );
}

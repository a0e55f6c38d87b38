import { useEffect, useMemo, useState } from 'react';
import { useValue, type Editor, type TLShapeId } from 'tldraw';
import type { Author } from '../../shared/board/types';
import type { DocEditorBinding } from '../binding/DocEditorBinding';
import { shapeIdOf } from '../binding/shapeIds';
import { useI18n } from '../i18n/I18nProvider';
import type { BoardConnection } from '../sync/BoardConnection';
import { CardForm } from '../ui/CardForm';
import { ClusterForm } from '../ui/ClusterForm';
import type { DuplicateCheck } from '../ui/DuplicateHint';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PeopleList } from '../ui/PeopleList';
import { StatusBadge } from '../ui/StatusBadge';
import { useBoardInfo } from './BoardInfoContext';
import { BoardTools } from './BoardTools';
import { isBoardEditable, voteBudgetOf } from './boardControlState';
import { addCardShape, addClusterShape, selectedCard, updateCardShape } from './canvasActions';
import { ControlStatus } from './ControlStatus';
import { useControl } from './ControlContext';
import type { DuplicateIndex } from './DuplicateIndex';
import { SuggestionSheet } from './SuggestionSheet';
import type { VoteLedger } from './VoteLedger';

type Open = 'none' | 'new-card' | 'edit-card' | 'new-cluster' | 'suggest';

/** Our layer over the canvas: status, control, people, language, and the big tablet actions. */
export function BoardToolbar(props: {
  editor: Editor;
  binding: DocEditorBinding;
  connection: BoardConnection;
  ledger: VoteLedger;
  duplicates: DuplicateIndex;
  author: Author;
  clockOffsetMs: number;
  notify(message: string): void;
  onChangeName(): void;
}) {
  const { editor, binding, connection, ledger, notify } = props;
  const { messages } = useI18n();
  const info = useBoardInfo();
  const { control } = useControl();
  const editable = isBoardEditable(control);
  const budget = voteBudgetOf(control);
  const [open, setOpen] = useState<Open>('none');
  const card = useValue('selected card', () => selectedCard(editor), [editor]);

  // A lock that arrives while a form is open closes it: the server would refuse the change.
  useEffect(() => {
    if (!editable) setOpen('none');
  }, [editable]);

  const duplicateCheck = useMemo<DuplicateCheck>(
    () => ({
      find: (text) => props.duplicates.find(text),
      plusOne: (cardId) => {
        // Only the server's voter id counts: before it is known, a dot would be put back.
        if (control?.voterId == null) return messages.facilitatorCallOffline;
        if (!ledger.add(cardId, budget)) return messages.voteBudgetSpent;
        setOpen('none');
        editor.select(shapeIdOf(cardId) as TLShapeId);
        notify(messages.plusOneDone);
        return null;
      },
    }),
    [props.duplicates, ledger, budget, control, editor, notify, messages],
  );

  const callFacilitator = () => {
    const sent = connection.send({ type: 'call-facilitator', name: props.author.name });
    notify(sent ? messages.facilitatorCalled : messages.facilitatorCallOffline);
  };

  return (
    <>
      <div className="board-topbar">
        <span className="board-topbar__title" data-testid="board-title">
          {info.title}
        </span>
        <StatusBadge />
        <PeopleList awareness={connection.awareness} />
        <button type="button" className="btn btn--small" onClick={props.onChangeName}>
          {props.author.name}
        </button>
        <LanguageSwitch />
      </div>
      <ControlStatus clockOffsetMs={props.clockOffsetMs} />
      {editable && (
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
      )}
      {editable && (
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
      )}
      <BoardTools
        editor={editor}
        boardId={info.id}
        editable={editable}
        onSuggest={() => setOpen(open === 'suggest' ? 'none' : 'suggest')}
        onCallFacilitator={callFacilitator}
        notify={notify}
      />
      {open === 'new-card' && (
        <CardForm
          initial={null}
          duplicates={duplicateCheck}
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
      {open === 'suggest' && (
        <SuggestionSheet
          editor={editor}
          doc={connection.doc}
          binding={binding}
          onApplied={(n) => {
            setOpen('none');
            notify(messages.suggestApplied(n));
          }}
          onClose={() => setOpen('none')}
        />
      )}
    </>
  );
}

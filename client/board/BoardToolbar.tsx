import { useEffect, useMemo, useState, type MutableRefObject } from 'react';
import { useValue, type Editor, type TLCamera, type TLShapeId } from 'tldraw';
import type * as Y from 'yjs';
import { readTrash, restoreCard, trashMap } from '../../shared/board/cardTrash';
import type { Author } from '../../shared/board/types';
import type { DocEditorBinding } from '../binding/DocEditorBinding';
import { CARD_SHAPE_TYPE, CLUSTER_SHAPE_TYPE } from '../binding/cardShapeProps';
import { recordIdOfShape, shapeIdOf } from '../binding/shapeIds';
import { useI18n } from '../i18n/I18nProvider';
import type { BoardConnection } from '../sync/BoardConnection';
import { CardForm } from '../ui/CardForm';
import { ClusterForm } from '../ui/ClusterForm';
import type { DuplicateCheck } from '../ui/DuplicateHint';
import type { ToastAction } from '../ui/Toast';
import type { BoardActions } from './BoardActionsContext';
import { BarButton, BoardBottomBar } from './BoardBottomBar';
import { useBoardInfo } from './BoardInfoContext';
import { BoardTools } from './BoardTools';
import { BoardTopBar } from './BoardTopBar';
import { isBoardEditable, isVotingOpen, voteBudgetOf } from './boardControlState';
import {
  addCardShape,
  addClusterShape,
  renameClusterShape,
  selectedCard,
  selectedCluster,
  selectedDrawings,
  updateCardShape,
} from './canvasActions';
import { CardTextSheet } from './CardTextSheet';
import { useControl } from './ControlContext';
import { DeleteConfirmSheet } from './DeleteConfirmSheet';
import type { DuplicateIndex } from './DuplicateIndex';
import { loadJoinDesa } from './localIdentity';
import { SuggestionSheet } from './SuggestionSheet';
import type { SupportLedger } from './SupportLedger';
import { TrashSheet } from './TrashSheet';
import type { VoteLedger } from './VoteLedger';
import { VoteListSheet } from './VoteListSheet';

type Open =
  | { kind: 'none' }
  | { kind: 'new-card' }
  | { kind: 'edit-card' }
  | { kind: 'new-cluster' }
  | { kind: 'edit-cluster'; clusterId: string }
  | { kind: 'suggest' }
  | { kind: 'card-text'; cardId: string }
  | { kind: 'confirm-delete'; ids: TLShapeId[]; authors: string[] }
  | { kind: 'trash' }
  | { kind: 'vote-list' };

const NONE: Open = { kind: 'none' };

/** What the canvas hands to the toolbar: the shapes' requests and tldraw's delete action. */
export type ToolbarHandlers = BoardActions & { deleteSelection(): void };

/** Our layer around the canvas: the two bars, the forms and sheets, and the delete policy. */
export function BoardToolbar(props: {
  editor: Editor;
  binding: DocEditorBinding;
  connection: BoardConnection;
  ledger: VoteLedger;
  supports: SupportLedger;
  duplicates: DuplicateIndex;
  author: Author;
  clockOffsetMs: number;
  /** A moderator or staff: the drawing tools and deleting drawings. */
  canDraw: boolean;
  handlers: MutableRefObject<ToolbarHandlers | null>;
  notify(message: string, action?: ToastAction): void;
  onChangeName(): void;
}) {
  const { editor, binding, connection, ledger, notify, author } = props;
  const { messages } = useI18n();
  const info = useBoardInfo();
  const { control } = useControl();
  const editable = isBoardEditable(control);
  const votingOpen = isVotingOpen(control);
  const budget = voteBudgetOf(control);
  const [open, setOpen] = useState<Open>(NONE);
  const close = () => setOpen(NONE);
  // Ids and props, not the shape records: a dragged shape's record is new on every frame, and
  // the toolbar (both bars and their buttons) re-rendered with each.
  const cardId = useValue('selected card', () => selectedCard(editor)?.id ?? null, [editor]);
  const cardProps = useValue('selected card props', () => selectedCard(editor)?.props ?? null, [
    editor,
  ]);
  const card = cardId !== null && cardProps !== null ? { id: cardId, props: cardProps } : null;
  const clusterId = useValue('selected cluster', () => selectedCluster(editor)?.id ?? null, [
    editor,
  ]);
  const cluster = clusterId === null ? null : { id: clusterId };
  const drawings = useValue('selected drawings', () => selectedDrawings(editor).length, [editor]);
  const currentTool = useValue('current tool', () => editor.getCurrentToolId(), [editor]);
  const trashCount = useTrashCount(connection.doc);
  const joinDesa = useMemo(() => {
    const kode = loadJoinDesa(window.localStorage, info.id);
    return info.desa.some((d) => d.kode === kode) ? kode : null;
  }, [info]);

  // A lock that arrives while a form is open closes it: the server would refuse the change.
  useEffect(() => {
    if (!editable) setOpen((o) => (o.kind === 'card-text' ? o : NONE));
  }, [editable]);

  // Undoing "Sarankan kelompok" puts the camera back where the person was looking.
  useEffect(() => {
    const onPopped = (event: { stackItem: { meta: Map<string, unknown> }; type: string }) => {
      const camera = event.stackItem.meta.get('camera') as TLCamera | undefined;
      if (event.type === 'undo' && camera)
        editor.setCamera(camera, { animation: { duration: 200 } });
    };
    binding.undoManager.on('stack-item-popped', onPopped);
    return () => binding.undoManager.off('stack-item-popped', onPopped);
  }, [binding, editor]);

  // The restorer's own dots come back with the card; other voters' tablets put back theirs.
  const restoreOne = (cardId: string) =>
    restoreCard(
      connection.doc,
      cardId,
      binding.actionOrigin,
      control?.voterId == null ? undefined : { voterId: control.voterId, budget },
    );
  const restoreCards = (cardIds: string[]) => {
    let restored = 0;
    for (const id of cardIds) if (restoreOne(id)) restored++;
    if (restored > 0) notify(messages.restored);
  };

  const deleteNow = (ids: TLShapeId[]) => {
    const cardIds = ids.flatMap((id) =>
      editor.getShape(id)?.type === CARD_SHAPE_TYPE ? [recordIdOfShape(id) ?? ''] : [],
    );
    const hadIssue = ids.some((id) => editor.getShape(id)?.type === CLUSTER_SHAPE_TYPE);
    binding.undoManager.stopCapturing();
    editor.deleteShapes(ids);
    binding.undoManager.stopCapturing();
    if (cardIds.length > 0) {
      notify(messages.cardDeleted, {
        label: messages.restore,
        onAct: () => restoreCards(cardIds),
      });
    } else {
      notify(hadIssue ? messages.issueDeleted : messages.drawingDeleted, {
        label: messages.undo,
        onAct: () => binding.undo(),
      });
    }
  };

  /** Delete key, "Hapus": someone else's card is deleted only after a question. */
  const deleteSelection = () => {
    if (!isBoardEditable(control)) return;
    // Drawings only for moderators; a participant's selection never deletes one.
    const shapes = editor
      .getSelectedShapes()
      .filter((s) => s.type === CARD_SHAPE_TYPE || s.type === CLUSTER_SHAPE_TYPE || props.canDraw);
    if (shapes.length === 0) return;
    const ids = shapes.map((s) => s.id);
    const others = shapes.flatMap((s) => {
      if (s.type !== CARD_SHAPE_TYPE) return [];
      const p = s.props as { authorId: string; authorName: string };
      return p.authorId === author.id ? [] : [p.authorName || messages.someone];
    });
    if (others.length > 0) setOpen({ kind: 'confirm-delete', ids, authors: [...new Set(others)] });
    else deleteNow(ids);
  };

  props.handlers.current = {
    deleteSelection,
    editIssue: (clusterId) => {
      if (isBoardEditable(control)) setOpen({ kind: 'edit-cluster', clusterId });
    },
    showCardText: (cardId) => setOpen({ kind: 'card-text', cardId }),
  };

  const duplicateCheck = useMemo<DuplicateCheck>(
    () => ({
      find: (text) => props.duplicates.find(text),
      // Before Pilih no dot is spent: the person is added as a supporter of the card instead.
      label: votingOpen ? messages.plusOne : messages.supportOne,
      plusOne: (cardId) => {
        if (votingOpen) {
          // Only the server's voter id counts: before it is known, a dot would be put back.
          if (control?.voterId == null) return messages.facilitatorCallOffline;
          if (!ledger.add(cardId, budget)) return messages.voteBudgetSpent;
        } else {
          // Supports too are held to the server's voter id: this device's id would be put back.
          if (control?.voterId == null) return messages.facilitatorCallOffline;
          if (!props.supports.support(cardId, control.voterId, author)) return messages.errNotFound;
        }
        setOpen(NONE);
        editor.select(shapeIdOf(cardId) as TLShapeId);
        notify(votingOpen ? messages.plusOneDone : messages.supportDone);
        return null;
      },
    }),
    [
      props.duplicates,
      props.supports,
      ledger,
      budget,
      control,
      votingOpen,
      editor,
      notify,
      messages,
      author,
    ],
  );

  const editingCluster =
    open.kind === 'edit-cluster'
      ? editor.getShape(shapeIdOf(open.clusterId) as TLShapeId)
      : undefined;

  const selection = editable && (
    <>
      {props.canDraw && drawings > 0 && !card && !cluster && (
        <BarButton
          icon="trash"
          label={messages.deleteDrawing}
          onClick={deleteSelection}
          testId="delete-selection"
          iconOnly
        />
      )}
      {card && (
        <>
          <BarButton
            icon="edit"
            label={messages.editCard}
            onClick={() => setOpen({ kind: 'edit-card' })}
            testId="edit-card"
            variant="big"
          />
          <BarButton
            icon="trash"
            label={messages.deleteCard}
            onClick={deleteSelection}
            testId="delete-selection"
            iconOnly
          />
        </>
      )}
      {cluster && (
        <>
          <BarButton
            icon="edit"
            label={messages.editIssue}
            onClick={() =>
              setOpen({ kind: 'edit-cluster', clusterId: recordIdOfShape(cluster.id) ?? '' })
            }
            testId="edit-issue-bar"
            variant="big"
          />
          <BarButton
            icon="trash"
            label={messages.deleteIssue}
            onClick={deleteSelection}
            testId="delete-selection"
            iconOnly
          />
        </>
      )}
    </>
  );

  // With a card or issue selected, its actions need the room: the tools show as icons.
  const compact = editable && (card !== null || cluster !== null || props.canDraw);
  const tools = (
    <>
      {props.canDraw && editable && (
        <span
          className="board-bar__group board-draw"
          role="group"
          aria-label={messages.drawingTools}
        >
          {(
            [
              ['select', 'pointer', messages.toolSelect],
              ['draw', 'pen', messages.toolDraw],
              ['arrow', 'arrow', messages.toolArrow],
              ['text', 'text', messages.toolText],
            ] as const
          ).map(([tool, icon, label]) => (
            <BarButton
              key={tool}
              icon={icon}
              label={label}
              onClick={() => editor.setCurrentTool(tool)}
              testId={`tool-${tool}`}
              pressed={currentTool === tool}
              iconOnly
            />
          ))}
        </span>
      )}
      {votingOpen && (
        <BarButton
          icon="list"
          label={messages.voteList}
          onClick={() => setOpen(open.kind === 'vote-list' ? NONE : { kind: 'vote-list' })}
          testId="vote-list-open"
          iconOnly={compact}
        />
      )}
      <BoardTools
        editor={editor}
        boardId={info.id}
        // Grouping suggestions belong to writing and grouping, not to voting.
        canSuggest={editable && !votingOpen}
        compact={compact}
        onSuggest={() => setOpen(open.kind === 'suggest' ? NONE : { kind: 'suggest' })}
        notify={notify}
      />
      {editable && trashCount > 0 && (
        <BarButton
          icon="restore"
          label={messages.trashOpen(trashCount)}
          badge={trashCount}
          onClick={() => setOpen(open.kind === 'trash' ? NONE : { kind: 'trash' })}
          testId="trash-open"
          iconOnly
        />
      )}
    </>
  );

  return (
    <>
      <BoardTopBar
        connection={connection}
        author={author}
        clockOffsetMs={props.clockOffsetMs}
        notify={notify}
        onChangeName={props.onChangeName}
      />
      <BoardBottomBar
        editor={editor}
        editable={editable}
        onUndo={() => binding.undo()}
        onRedo={() => binding.redo()}
        selection={selection}
        tools={tools}
        onAddCluster={() => setOpen({ kind: 'new-cluster' })}
        onAddCard={() => setOpen({ kind: 'new-card' })}
      />
      {open.kind === 'new-card' && (
        <CardForm
          initial={null}
          defaultDesa={joinDesa}
          duplicates={duplicateCheck}
          onCancel={close}
          onSave={(value) => {
            addCardShape(editor, value, author);
            close();
          }}
        />
      )}
      {open.kind === 'edit-card' && card && (
        <CardForm
          initial={card.props}
          onCancel={close}
          onSave={(value) => {
            updateCardShape(editor, card.id, value);
            close();
          }}
        />
      )}
      {open.kind === 'new-cluster' && (
        <ClusterForm
          onCancel={close}
          onSave={(title) => {
            addClusterShape(editor, title || messages.clusterUntitled);
            close();
          }}
        />
      )}
      {open.kind === 'edit-cluster' && editingCluster?.type === CLUSTER_SHAPE_TYPE && (
        <ClusterForm
          initial={(editingCluster.props as { name: string }).name}
          onCancel={close}
          onSave={(title) => {
            renameClusterShape(editor, editingCluster.id, title || messages.clusterUntitled);
            close();
          }}
        />
      )}
      {open.kind === 'card-text' && (
        <CardTextSheet editor={editor} cardId={open.cardId} onClose={close} />
      )}
      {open.kind === 'confirm-delete' && (
        <DeleteConfirmSheet
          authors={open.authors}
          onCancel={close}
          onConfirm={() => {
            close();
            deleteNow(open.ids);
          }}
        />
      )}
      {open.kind === 'trash' && (
        <TrashSheet
          doc={connection.doc}
          restore={restoreOne}
          onRestored={() => notify(messages.restored)}
          onClose={close}
        />
      )}
      {open.kind === 'vote-list' && votingOpen && <VoteListSheet editor={editor} onClose={close} />}
      {open.kind === 'suggest' && (
        <SuggestionSheet
          editor={editor}
          doc={connection.doc}
          binding={binding}
          onApplied={(n) => {
            close();
            notify(messages.suggestApplied(n));
          }}
          onClose={close}
        />
      )}
    </>
  );
}

/** How many deleted cards the board keeps for "Kembalikan". */
function useTrashCount(doc: Y.Doc): number {
  const [count, setCount] = useState(() => readTrash(doc).length);
  useEffect(() => {
    const update = () => setCount(readTrash(doc).length);
    trashMap(doc).observe(update);
    update();
    return () => trashMap(doc).unobserve(update);
  }, [doc]);
  return count;
}

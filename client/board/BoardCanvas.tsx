import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Tldraw,
  useTldrawCurrentUser,
  useValue,
  type Editor,
  type TLUiOverrides,
  type TLUserPreferences,
} from 'tldraw';
import 'tldraw/tldraw.css';
import type { Author } from '../../shared/board/types';
import { DocEditorBinding } from '../binding/DocEditorBinding';
import { runtimeConfig } from '../config/runtimeConfig';
import { useI18n } from '../i18n/I18nProvider';
import { parseLocale } from '../i18n/locale';
import { bindPresence } from '../presence/AwarenessPresence';
import { colorForUser } from '../presence/presenceState';
import { ClusterFrameShapeUtil } from '../shapes/ClusterFrameShapeUtil';
import type { BoardViewHolder } from '../shapes/ExportProviders';
import { IssueCardShapeUtil } from '../shapes/IssueCardShapeUtil';
import type { BoardConnection } from '../sync/BoardConnection';
import { useBoardInfo } from './BoardInfoContext';
import { BoardToolbar } from './BoardToolbar';
import { isBoardEditable, isVotingOpen, voteBudgetOf } from './boardControlState';
import { bindClusterDrop } from './clusterDrop';
import { useControl } from './ControlContext';
import { DuplicateIndex } from './DuplicateIndex';
import { keepCardsOnClusterDelete } from './keepCardsOnClusterDelete';
import { tldrawAssetUrls } from './tldrawAssets';
import { VoteLedger } from './VoteLedger';
import { VotingContext, type Voting } from './VotingContext';
import { Toast } from '../ui/Toast';

/** On opening, a board whose cards are all out of view zooms to show them. */
function showContentIfViewEmpty(editor: Editor): void {
  const view = editor.getViewportPageBounds();
  const ids = [...editor.getCurrentPageShapeIds()];
  if (ids.length === 0) return;
  const anyInView = ids.some((id) => {
    const b = editor.getShapePageBounds(id);
    return b !== undefined && b.collides(view);
  });
  if (!anyInView) editor.zoomToFit({ animation: { duration: 0 } });
}

/** The tldraw canvas bound to the board doc, with presence and our tablet layer. */
export function BoardCanvas(props: {
  connection: BoardConnection;
  author: Author;
  /** How far the server's clock is ahead of this tablet's, for the countdown. */
  clockOffsetMs: number;
  onChangeName(): void;
}) {
  const { connection, author } = props;
  const info = useBoardInfo();
  const { locale, setLocale, messages } = useI18n();
  const { control } = useControl();
  const editable = isBoardEditable(control);
  // Image exports render cards outside our providers: they read the board from here.
  const exportView = useRef<BoardViewHolder>({ info: null, voting: null, messages: null }).current;
  exportView.info = info;
  exportView.messages = messages;
  // Stable: new shape utils would make tldraw build a new editor.
  const shapeUtils = useMemo(
    () => [
      IssueCardShapeUtil.configure({ board: exportView }),
      ClusterFrameShapeUtil.configure({ board: exportView }),
    ],
    [exportView],
  );
  const [toast, setToast] = useState<{ message: string; at: number } | null>(null);
  const notify = useCallback((message: string) => setToast({ message, at: Date.now() }), []);
  const clearToast = useCallback(() => setToast(null), []);
  // The server puts back a dot it does not accept; say so rather than let it vanish silently.
  const { refusedVotes } = useControl();
  const seenRefusals = useRef(refusedVotes);
  useEffect(() => {
    if (refusedVotes > seenRefusals.current) notify(messages.voteRefused);
    seenRefusals.current = refusedVotes;
  }, [refusedVotes, notify, messages]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [binding, setBinding] = useState<DocEditorBinding | null>(null);
  const color = colorForUser(author.id);
  const authorRef = useRef(author);
  authorRef.current = author;
  // Both stable across renders: a new user object would make tldraw build a new editor.
  const setUserPreferences = useCallback(
    (prefs: TLUserPreferences) => {
      if (prefs.locale === 'id' || prefs.locale === 'en') setLocale(parseLocale(prefs.locale));
    },
    [setLocale],
  );
  const user = useTldrawCurrentUser({
    userPreferences: { id: author.id, name: author.name, color, locale, colorScheme: 'light' },
    setUserPreferences,
  });
  // How many shapes the page holds: lets tests and the load measurement see the board is there.
  const shapeCount = useValue('shape count', () => editor?.getCurrentPageShapeIds().size ?? 0, [
    editor,
  ]);
  const readonly = useValue('readonly', () => editor?.getIsReadonly() ?? false, [editor]);
  const bindingRef = useRef<DocEditorBinding | null>(null);
  bindingRef.current = binding;

  useEffect(() => {
    if (editor === null) return;
    // The author is read at write time, so a rename does not rebind the canvas.
    const next = new DocEditorBinding(
      editor,
      connection.doc,
      info.taxonomy,
      () => authorRef.current,
    );
    setBinding(next);
    showContentIfViewEmpty(editor);
    // A tablet's first visit gets the board from the server, after the canvas is up.
    const onSync = (synced: boolean) => {
      if (!synced) return;
      connection.provider.off('sync', onSync);
      showContentIfViewEmpty(editor);
    };
    connection.provider.on('sync', onSync);
    return () => {
      connection.provider.off('sync', onSync);
      next.dispose();
      setBinding(null);
    };
  }, [editor, connection, info.taxonomy]);

  useEffect(() => (editor === null ? undefined : bindClusterDrop(editor)), [editor]);
  useEffect(() => (editor === null ? undefined : keepCardsOnClusterDelete(editor)), [editor]);

  // What the server would refuse, the canvas does not offer: locked, read-only or finished.
  useEffect(() => {
    editor?.updateInstanceState({ isReadonly: !editable });
  }, [editor, editable]);

  // The server names the voter id of this connection (from its token) and refuses dots under
  // any other; until it has, this device's user id only serves to show the totals.
  const serverVoterId = control?.voterId ?? null;
  const voterId = serverVoterId ?? author.id;
  // Made in effects, not memos: StrictMode runs effects twice, and a memo would stay disposed.
  const [ledger, setLedger] = useState<VoteLedger | null>(null);
  useEffect(() => {
    if (binding === null) return;
    const next = new VoteLedger(connection.doc, voterId, binding.actionOrigin);
    setLedger(next);
    return () => {
      next.dispose();
      setLedger(null);
    };
  }, [binding, connection, voterId]);
  const [duplicates, setDuplicates] = useState<DuplicateIndex | null>(null);
  useEffect(() => {
    const next = new DuplicateIndex(connection.doc);
    setDuplicates(next);
    return () => {
      next.dispose();
      setDuplicates(null);
    };
  }, [connection]);
  const voting = useMemo<Voting | null>(
    () =>
      ledger && {
        ledger,
        open: isVotingOpen(control) && serverVoterId !== null,
        budget: voteBudgetOf(control),
        onRefused: () => notify(messages.voteBudgetSpent),
      },
    [ledger, control, serverVoterId, notify, messages],
  );
  exportView.voting = voting;

  useEffect(() => {
    if (editor === null) return;
    return bindPresence(editor, connection.awareness, () => ({
      id: author.id,
      name: author.name,
      color,
    }));
  }, [editor, connection, author.id, author.name, color]);

  // Undo and redo (buttons, menu and keyboard) go to the doc's undo manager: own changes only.
  const overrides = useMemo<TLUiOverrides>(
    () => ({
      actions(_editor, actions) {
        const undo = actions['undo'];
        const redo = actions['redo'];
        if (undo) undo.onSelect = () => void bindingRef.current?.undoManager.undo();
        if (redo) redo.onSelect = () => void bindingRef.current?.undoManager.redo();
        return actions;
      },
    }),
    [],
  );

  // The same element while its props stay the same, so React skips tldraw's whole tree when
  // this component re-renders: it does on every local edit (the unsaved-change count in the
  // connection state changes with each move of a dragged card), and re-rendering tldraw's UI
  // then cost more than the drag itself on a slow tablet.
  const onMount = useCallback((mounted: Editor) => {
    mounted.updateInstanceState({ isGridMode: false });
    setEditor(mounted);
  }, []);
  const canvas = useMemo(
    () => (
      <Tldraw
        licenseKey={runtimeConfig().tldrawLicenseKey}
        assetUrls={tldrawAssetUrls}
        shapeUtils={shapeUtils}
        user={user}
        overrides={overrides}
        onMount={onMount}
      />
    ),
    [shapeUtils, user, overrides, onMount],
  );

  return (
    <div
      className="board-canvas"
      data-testid="board-canvas"
      data-ready={binding ? 'true' : 'false'}
      data-shapes={shapeCount}
      data-readonly={readonly ? 'true' : 'false'}
    >
      <VotingContext.Provider value={voting}>
        {canvas}
        {editor && binding && ledger && duplicates && (
          <BoardToolbar
            editor={editor}
            binding={binding}
            connection={connection}
            ledger={ledger}
            duplicates={duplicates}
            author={author}
            clockOffsetMs={props.clockOffsetMs}
            notify={notify}
            onChangeName={props.onChangeName}
          />
        )}
      </VotingContext.Provider>
      {toast && <Toast key={toast.at} message={toast.message} onDone={clearToast} />}
    </div>
  );
}

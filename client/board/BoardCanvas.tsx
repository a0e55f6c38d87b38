import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Tldraw,
  useTldrawCurrentUser,
  useValue,
  type Editor,
  type TLComponents,
  type TldrawOptions,
  type TLUiOverrides,
  type TLUserPreferences,
} from 'tldraw';
import 'tldraw/tldraw.css';
import { boardMaps } from '../../shared/board/boardDoc';
import { returnVotes, trashMap } from '../../shared/board/cardTrash';
import type { Author } from '../../shared/board/types';
import { DocEditorBinding, LOCAL_ACTION_ORIGIN } from '../binding/DocEditorBinding';
import { initialRecords } from '../binding/initialRecords';
import { runtimeConfig } from '../config/runtimeConfig';
import { useI18n } from '../i18n/I18nProvider';
import { parseLocale } from '../i18n/locale';
import { bindPresence } from '../presence/AwarenessPresence';
import { colorForUser } from '../presence/presenceState';
import { ClusterFrameShapeUtil } from '../shapes/ClusterFrameShapeUtil';
import type { BoardViewHolder } from '../shapes/ExportProviders';
import { IssueCardShapeUtil } from '../shapes/IssueCardShapeUtil';
import {
  LightArrowShapeUtil,
  LightDrawShapeUtil,
  LightGeoShapeUtil,
} from '../shapes/withoutPatternImages';
import type { BoardConnection } from '../sync/BoardConnection';
import { useBoardInfo } from './BoardInfoContext';
import { BoardActionsContext, type BoardActions } from './BoardActionsContext';
import { BoardToolbar, type ToolbarHandlers } from './BoardToolbar';
import { isBoardEditable, isVotingOpen, voteBudgetOf } from './boardControlState';
import { bindClusterDrop } from './clusterDrop';
import { useControl } from './ControlContext';
import { DuplicateIndex } from './DuplicateIndex';
import { keepCardsOnClusterDelete } from './keepCardsOnClusterDelete';
import { tldrawAssetUrls } from './tldrawAssets';
import { VoteLedger } from './VoteLedger';
import { VotingContext, type Voting } from './VotingContext';
import { SupportContext, SupportLedger } from './SupportLedger';
import { Toast, type ToastAction } from '../ui/Toast';

/**
 * Participant mode: of tldraw's interface only the canvas stays. No page menu (one page: a card
 * on another page would vanish for the others), no style panel, no drawing tools, no menus
 * under the finger (a second tap on an issue title used to open one, whose "Potong" deleted the
 * frame). Our own bars, outside the canvas, carry the five actions.
 */
const PARTICIPANT_COMPONENTS: TLComponents = {
  ContextMenu: null,
  ActionsMenu: null,
  HelpMenu: null,
  ZoomMenu: null,
  MainMenu: null,
  Minimap: null,
  StylePanel: null,
  PageMenu: null,
  NavigationPanel: null,
  Toolbar: null,
  RichTextToolbar: null,
  ImageToolbar: null,
  VideoToolbar: null,
  KeyboardShortcutsDialog: null,
  QuickActions: null,
  HelperButtons: null,
  DebugPanel: null,
  DebugMenu: null,
  MenuPanel: null,
  TopPanel: null,
  SharePanel: null,
  CursorChatBubble: null,
  PeopleMenu: null,
};

/** One page only; a double tap on the empty canvas does not make a text shape. */
const PARTICIPANT_OPTIONS: Partial<TldrawOptions> = {
  maxPages: 1,
  createTextOnCanvasDoubleClick: false,
};

/** tldraw tools a participant keeps: select (tap, drag) and hand (pan). */
const PARTICIPANT_TOOLS = new Set(['select', 'hand']);
/**
 * Moderators and staff also draw: pen, arrow and text (no eraser: it would delete cards past the
 * delete policy). The pages menu, style panel and menus stay off for them too.
 */
export const DRAWING_TOOLS = ['draw', 'arrow', 'text'] as const;
const MODERATOR_TOOLS = new Set([...PARTICIPANT_TOOLS, ...DRAWING_TOOLS]);
/** tldraw actions (keyboard shortcuts) a participant keeps; copy, cut, paste, pages, etc. go. */
const PARTICIPANT_ACTIONS = new Set([
  'undo',
  'redo',
  'delete',
  'select-all',
  'select-none',
  'zoom-in',
  'zoom-out',
  'zoom-to-fit',
  'zoom-to-100',
  'zoom-to-selection',
  'back-to-content',
]);

/**
 * Dots put back by this tablet on a card another person restored: not the person's own action,
 * so not on their undo stack (an "Urungkan" would take the dots off again).
 */
const VOTE_RETURN_ORIGIN = { binding: 'papan-vote-return' };

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
  /** A moderator or staff: drawing tools besides participant mode. */
  canDraw: boolean;
  onChangeName(): void;
}) {
  const { connection, author, canDraw } = props;
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
      ClusterFrameShapeUtil.configure({ board: exportView, showColors: true }),
      LightGeoShapeUtil,
      LightDrawShapeUtil,
      LightArrowShapeUtil,
    ],
    [exportView],
  );
  const [toast, setToast] = useState<{ message: string; action?: ToastAction; at: number } | null>(
    null,
  );
  const notify = useCallback(
    (message: string, action?: ToastAction) => setToast({ message, action, at: Date.now() }),
    [],
  );
  // The toolbar fills these in; shapes and tldraw's actions call through them.
  const handlers = useRef<ToolbarHandlers | null>(null);
  const boardActions = useMemo<BoardActions>(
    () => ({
      editIssue: (id) => handlers.current?.editIssue(id),
      showCardText: (id) => handlers.current?.showCardText(id),
    }),
    [],
  );
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
  // Made with the canvas, not after its binding: every card reads them, and made after the
  // binding had put the cards on the canvas they rendered all 300 cards a second time.
  const [ledger, setLedger] = useState<VoteLedger | null>(null);
  useEffect(() => {
    const next = new VoteLedger(connection.doc, voterId, LOCAL_ACTION_ORIGIN);
    setLedger(next);
    return () => {
      next.dispose();
      setLedger(null);
    };
  }, [connection, voterId]);
  // A card someone else brought back from "Terhapus" waits with this voter's dots in its trash
  // entry: only this tablet may write them (the server holds each connection to its own voter).
  const returnBudget = voteBudgetOf(control);
  useEffect(() => {
    if (serverVoterId === null || !editable) return;
    const doc = connection.doc;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        returnVotes(doc, serverVoterId, returnBudget, VOTE_RETURN_ORIGIN);
      }, 0);
    };
    const trash = trashMap(doc);
    const cards = boardMaps(doc).cards;
    trash.observe(check);
    cards.observe(check);
    check();
    return () => {
      if (timer !== null) clearTimeout(timer);
      trash.unobserve(check);
      cards.unobserve(check);
    };
  }, [connection, serverVoterId, editable, returnBudget]);
  const [supports, setSupports] = useState<SupportLedger | null>(null);
  useEffect(() => {
    const next = new SupportLedger(connection.doc, LOCAL_ACTION_ORIGIN);
    setSupports(next);
    return () => {
      next.dispose();
      setSupports(null);
    };
  }, [connection]);
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

  // Undo and redo (keyboard) go to the doc's undo manager: own changes only. Delete asks
  // first when the card is someone else's (the toolbar decides).
  const overrides = useMemo<TLUiOverrides>(
    () => ({
      actions(_editor, actions) {
        const kept: typeof actions = {};
        for (const [id, action] of Object.entries(actions)) {
          if (PARTICIPANT_ACTIONS.has(id)) kept[id] = action;
        }
        const undo = kept['undo'];
        const redo = kept['redo'];
        const del = kept['delete'];
        if (undo) undo.onSelect = () => bindingRef.current?.undo();
        if (redo) redo.onSelect = () => bindingRef.current?.redo();
        if (del) del.onSelect = () => handlers.current?.deleteSelection();
        return kept;
      },
      tools(_editor, tools) {
        const allowed = canDraw ? MODERATOR_TOOLS : PARTICIPANT_TOOLS;
        const kept: typeof tools = {};
        for (const [id, tool] of Object.entries(tools)) {
          if (allowed.has(id)) kept[id] = tool;
        }
        return kept;
      },
    }),
    [canDraw],
  );

  // The same element while its props stay the same, so React skips tldraw's whole tree when
  // this component re-renders: it does on every local edit (the unsaved-change count in the
  // connection state changes with each move of a dragged card), and re-rendering tldraw's UI
  // then cost more than the drag itself on a slow tablet.
  const onMount = useCallback((mounted: Editor) => {
    mounted.updateInstanceState({ isGridMode: false });
    setEditor(mounted);
  }, []);
  // The editor starts on the board as the doc holds it now (usually all of it: the connection
  // opened while tldraw was still arriving); the binding brings whatever comes later.
  const [initialData] = useState(() => initialRecords(connection.doc, info.taxonomy));
  const canvas = useMemo(
    () => (
      <Tldraw
        initialData={initialData}
        licenseKey={runtimeConfig().tldrawLicenseKey}
        assetUrls={tldrawAssetUrls}
        shapeUtils={shapeUtils}
        user={user}
        overrides={overrides}
        components={PARTICIPANT_COMPONENTS}
        options={PARTICIPANT_OPTIONS}
        onMount={onMount}
      />
    ),
    [initialData, shapeUtils, user, overrides, onMount],
  );

  return (
    <div
      className="board-canvas"
      data-testid="board-canvas"
      data-ready={binding ? 'true' : 'false'}
      data-shapes={shapeCount}
      data-readonly={readonly ? 'true' : 'false'}
      data-mode={canDraw ? 'moderator' : 'participant'}
    >
      <VotingContext.Provider value={voting}>
        <SupportContext.Provider value={supports}>
          <BoardActionsContext.Provider value={boardActions}>
            {/* The main landmark: the bars are the banner and the footer around it. */}
            <main className="board-stage" aria-label={info.title}>
              {canvas}
            </main>
            {editor && binding && ledger && duplicates && supports && (
              <BoardToolbar
                editor={editor}
                binding={binding}
                connection={connection}
                ledger={ledger}
                supports={supports}
                duplicates={duplicates}
                author={author}
                clockOffsetMs={props.clockOffsetMs}
                canDraw={canDraw}
                handlers={handlers}
                notify={notify}
                onChangeName={props.onChangeName}
              />
            )}
          </BoardActionsContext.Provider>
        </SupportContext.Provider>
      </VotingContext.Provider>
      {toast && (
        <Toast key={toast.at} message={toast.message} action={toast.action} onDone={clearToast} />
      )}
    </div>
  );
}

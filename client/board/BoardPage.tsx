import { useEffect, useMemo, useState } from 'react';
import { startModuleLoad } from '../app/pageModule';
import { WithModule } from '../app/WithModule';
import { fetchBoardInfo, type BoardInfoResult } from '../api/fetchBoardInfo';
import { takeAccessToken } from '../config/accessToken';
import { useI18n } from '../i18n/I18nProvider';
import { BoardConnection } from '../sync/BoardConnection';
import { usePrincipal } from '../common/usePrincipal';
import { NamePrompt } from '../ui/NamePrompt';
import { BoardInfoContext } from './BoardInfoContext';
import { BoardConnectionContext, ControlContext, type ControlState } from './ControlContext';
import { loadDisplayName, localUserId, saveDisplayName } from './localIdentity';
import { measureServerClockOffset } from './serverClock';
import { authHeaders } from '../config/accessToken';
import { useConnectionState } from './useConnectionState';

/**
 * The canvas (tldraw, nearly all of the board's bytes) is a chunk of its own: this page opens the
 * board's connection and asks for its details while that chunk is still on its way, so the
 * board's data is usually on the tablet before tldraw has even been evaluated. The server's
 * `board.html` asks for both chunks at once (modulepreload, see vite.config.ts).
 */
const loadCanvas = () => import('./BoardCanvas');

/** How long to wait for the tablet's own copy before showing the board anyway. */
const LOCAL_LOAD_TIMEOUT_MS = 3_000;

function syncUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/sync`;
}

/** Route /b/<boardId>: the board, its connection, and the name prompt. */
export function BoardPage({ boardId }: { boardId: string }) {
  const { messages } = useI18n();
  // The canvas's code is asked for now, not once the board's details are in.
  startModuleLoad(loadCanvas);
  const token = useMemo(() => takeAccessToken(), []);
  const [result, setResult] = useState<BoardInfoResult | null>(null);
  // Moderators and staff keep tldraw's drawing tools; a participant (or, offline, anyone whose
  // token cannot be checked) gets participant mode. Known before the canvas mounts: tldraw
  // builds a new editor when its tools change.
  const principal = usePrincipal(token);
  const canDraw = principal?.role === 'moderator' || principal?.role === 'staff';
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const [localReady, setLocalReady] = useState(false);
  const userId = useMemo(() => localUserId(window.localStorage), []);
  const [name, setName] = useState(() => loadDisplayName(window.localStorage));
  const [askName, setAskName] = useState(name === null);
  const [clockOffsetMs, setClockOffsetMs] = useState(0);

  // The countdown ends on the server's clock; a tablet's own clock is often minutes off.
  useEffect(() => {
    let live = true;
    void measureServerClockOffset(
      `/api/boards/${encodeURIComponent(boardId)}`,
      authHeaders(token),
    ).then((offset) => live && setClockOffsetMs(offset));
    return () => {
      live = false;
    };
  }, [boardId, token]);

  useEffect(() => {
    let live = true;
    fetchBoardInfo(boardId, token).then(
      (r) => live && setResult(r),
      () => live && setResult({ kind: 'not-found' }),
    );
    return () => {
      live = false;
    };
  }, [boardId, token]);

  useEffect(() => {
    const next = new BoardConnection({
      boardId,
      token,
      syncUrl: syncUrl(),
      storage: window.localStorage,
    });
    setConnection(next);
    let live = true;
    const timeout = setTimeout(() => live && setLocalReady(true), LOCAL_LOAD_TIMEOUT_MS);
    next.whenLocalLoaded().then(
      () => live && setLocalReady(true),
      () => live && setLocalReady(true),
    );
    return () => {
      live = false;
      clearTimeout(timeout);
      next.destroy();
      setConnection(null);
      setLocalReady(false);
    };
  }, [boardId, token]);

  if (result?.kind === 'forbidden' || result?.kind === 'not-found') {
    return (
      <main className="page-message">
        <p>{result.kind === 'forbidden' ? messages.boardForbidden : messages.boardNotFound}</p>
        <a href="/">{messages.backHome}</a>
      </main>
    );
  }
  if (result === null || connection === null || !localReady || principal === undefined) {
    return <main className="page-message">{messages.loadingBoard}</main>;
  }
  const author = { id: userId, name: name ?? '' };
  return (
    <BoardInfoContext.Provider value={result.info}>
      <ConnectedBoard connection={connection}>
        <WithModule load={loadCanvas} loadingText={messages.loadingBoard}>
          {(m) => (
            <m.BoardCanvas
              connection={connection}
              author={author}
              clockOffsetMs={clockOffsetMs}
              canDraw={canDraw}
              onChangeName={() => setAskName(true)}
            />
          )}
        </WithModule>
      </ConnectedBoard>
      {askName && (
        <NamePrompt
          initial={name ?? ''}
          onCancel={() => name !== null && setAskName(false)}
          onSave={(raw) => {
            setName(saveDisplayName(window.localStorage, raw));
            setAskName(false);
          }}
        />
      )}
    </BoardInfoContext.Provider>
  );
}

function ConnectedBoard(props: { connection: BoardConnection; children: React.ReactNode }) {
  const { status, control, localLoaded, closedCode, refusedVotes } = useConnectionState(
    props.connection,
  );
  const { messages } = useI18n();
  // A new value only when what its readers show changes (not with each unsaved change).
  const value = useMemo<ControlState>(
    () => ({ status, control, localLoaded, closedCode, refusedVotes }),
    [status, control, localLoaded, closedCode, refusedVotes],
  );
  return (
    <BoardConnectionContext.Provider value={props.connection}>
      <ControlContext.Provider value={value}>
        {closedCode !== null && (
          <div className="banner banner--error" role="alert">
            {messages.connectionRefused}
          </div>
        )}
        {props.children}
      </ControlContext.Provider>
    </BoardConnectionContext.Provider>
  );
}

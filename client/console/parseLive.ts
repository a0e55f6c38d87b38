import { BOARD_PHASES, isBoardId, type BoardPhase } from '../../shared/protocol';

/** A board's server-side control state as the console shows it. */
export interface LiveControl {
  locked: boolean;
  phase: BoardPhase;
  timerEndsAt: number | null;
  voteBudget: number;
}

/** One board in the console: identity, control and live counts. */
export interface LiveBoard {
  id: string;
  kind: 'kecamatan' | 'merged';
  kecamatanKode: string | null;
  title: string;
  joinCode: string;
  control: LiveControl;
  cards: number;
  clusters: number;
  votes: number;
  online: number;
  names: string[];
  lastActivity: number | null;
}

/** A `live` message: every board, and the server's clock (to count timers down truthfully). */
export interface LiveSnapshot {
  boards: LiveBoard[];
  now: number;
  /** The server's clock just before it read the boards' control state (null from an older server). */
  controlReadAt: number | null;
}

/** A facilitator call from a table. */
export interface FacilitatorCall {
  boardId: string;
  name: string;
  at: number;
}

const count = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0;

const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');

function parseControl(raw: unknown): LiveControl {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const phase = BOARD_PHASES.find((p) => p === r.phase) ?? 'tulis';
  return {
    locked: r.locked === true,
    phase,
    timerEndsAt:
      typeof r.timerEndsAt === 'number' && Number.isFinite(r.timerEndsAt) ? r.timerEndsAt : null,
    voteBudget: count(r.voteBudget),
  };
}

/** Parses one board of `/live` or the stream (untrusted); null when it has no valid id. */
export function parseLiveBoard(raw: unknown): LiveBoard | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isBoardId(r.id)) return null;
  return {
    id: r.id,
    kind: r.kind === 'merged' ? 'merged' : 'kecamatan',
    kecamatanKode: typeof r.kecamatanKode === 'string' ? r.kecamatanKode.slice(0, 20) : null,
    title: str(r.title, 300) || r.id,
    joinCode: str(r.joinCode, 20),
    control: parseControl(r.control),
    cards: count(r.cards),
    clusters: count(r.clusters),
    votes: count(r.votes),
    online: count(r.online),
    names: Array.isArray(r.names)
      ? r.names.filter((n): n is string => typeof n === 'string').map((n) => n.slice(0, 80))
      : [],
    lastActivity:
      typeof r.lastActivity === 'number' && Number.isFinite(r.lastActivity) ? r.lastActivity : null,
  };
}

/** Parses a `live` message or the `/live` answer; null when unusable. */
export function parseLiveSnapshot(raw: unknown): LiveSnapshot | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { boards, now, controlReadAt } = raw as Record<string, unknown>;
  if (!Array.isArray(boards)) return null;
  return {
    boards: boards.flatMap((b) => parseLiveBoard(b) ?? []),
    now: typeof now === 'number' && Number.isFinite(now) ? now : Date.now(),
    controlReadAt:
      typeof controlReadAt === 'number' && Number.isFinite(controlReadAt) ? controlReadAt : null,
  };
}

/**
 * The boards of a new live snapshot, keeping for each board the control state this console set
 * itself (`changedAt`: when the server applied its change, by the server's clock) when the
 * snapshot's control was read before that change. A snapshot whose counting waited (a board's
 * write in flight, or another instance) could otherwise show a lock just set as open again, and
 * the moderator's next tap on the toggle would lock once more instead of unlocking.
 */
export function mergeLiveBoards(
  shown: readonly LiveBoard[] | null,
  snapshot: LiveSnapshot,
  changedAt: ReadonlyMap<string, number>,
): LiveBoard[] {
  const readAt = snapshot.controlReadAt;
  if (shown === null || readAt === null) return snapshot.boards;
  return snapshot.boards.map((board) => {
    const mine = changedAt.get(board.id);
    const kept = mine !== undefined && mine > readAt ? shown.find((b) => b.id === board.id) : null;
    return kept ? { ...board, control: kept.control } : board;
  });
}

/** Parses a `call` message; null when unusable. */
export function parseCall(raw: unknown): FacilitatorCall | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { boardId, name, at } = raw as Record<string, unknown>;
  if (!isBoardId(boardId)) return null;
  return {
    boardId,
    name: str(name, 80),
    at: typeof at === 'number' && Number.isFinite(at) ? at : Date.now(),
  };
}

import type * as Y from 'yjs';
import type { ControlState } from '../../shared/control';
import type { FacilitatorCall } from '../bus/BoardBus';
import type { WriteOrigin } from '../sync/writeOrigin';
import type { AuditLog } from '../events/AuditLog';
import type { EventRepository } from '../events/EventRepository';
import type { TokenRepository } from '../auth/TokenRepository';
import type { BoardHistory } from '../history/BoardHistory';
import type { JoinThrottle } from './JoinThrottle';

export type { FacilitatorCall };

/** What the API needs of the live sync rooms. */
export interface BoardRooms {
  /** Pushes new control state to the board's room if it is loaded (the store row is the truth). */
  applyControl(boardId: string, control: ControlState): void;
  /**
   * Like withBoardDoc, but remembers the answer until the board changes: the console asks every
   * board for its counts on every change of any board, and must not reload idle boards for it.
   */
  cachedRead<T>(boardId: string, key: string, fn: (doc: Y.Doc) => T): Promise<T>;
  /** Runs `fn` on the board's current document: the live room's, or one loaded from the store. */
  withBoardDoc<T>(boardId: string, fn: (doc: Y.Doc) => T): Promise<T>;
  /**
   * Changes a board from server code (merge): the change is stored before anyone sees it, like
   * any client update, and reaches every connected client, as `origin` (default: the system).
   * Returns what `mutate` returned.
   */
  changeBoardDoc<T>(boardId: string, mutate: (doc: Y.Doc) => T, origin?: WriteOrigin): Promise<T>;
  /** Who is on a board now, from presence. */
  presence(boardId: string): { online: number; names: string[]; lastActivity: number | null };
  /** Called (throttled by the caller) when anything happens on a board. Returns an unsubscribe. */
  onActivity(listener: (boardId: string) => void): () => void;
  /** Called when someone on a board asks for a facilitator. Returns an unsubscribe. */
  onFacilitatorCall(listener: (call: FacilitatorCall) => void): () => void;
}

/** Everything the API routes share; built once in main and passed down. */
export interface AppContext {
  events: EventRepository;
  tokens: TokenRepository;
  audit: AuditLog;
  rooms: BoardRooms;
  /** Restore points, restore and the mass-deletion alarm (server/history/). */
  history: BoardHistory;
  /** Wrong join codes per address: per process, or across instances over Redis. */
  joinThrottle: JoinThrottle;
  /** The base URL people open (for links and QR codes), e.g. http://192.168.1.10:8080. */
  publicUrl: string;
  logError(error: unknown, message: string): void;
}

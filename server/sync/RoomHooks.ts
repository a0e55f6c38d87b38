import type { Room } from './Room';
import type { WriteRule } from './write/WriteRule';
import type { WriteOrigin } from './writeOrigin';

/** One write as it was committed: stored under `seq`, applied, and sent to the room's clients. */
export interface CommittedWrite {
  boardId: string;
  update: Uint8Array;
  /** Its log position in the store (the peer's, for a peer write). */
  seq: number;
  origin: WriteOrigin;
}

/**
 * What other parts of the server plug into every room. Several sets of hooks may be given; each
 * runs in the order given. A throwing `onLoaded` fails the load; other hooks' errors are logged.
 */
export interface RoomHooks {
  /** After the board loaded, before any client is served (e.g. restore its control state). */
  onLoaded?(room: Room): void | Promise<void>;
  /** Extra write rules, run after the server's own (server/sync/write/defaultWriteRules.ts). */
  beforeWrite?: readonly WriteRule[];
  /**
   * After each write is stored, applied and sent to the room's clients, before the next write
   * (history, fan-out to other instances). Synchronous: start async work and catch its errors.
   */
  afterCommit?(room: Room, write: CommittedWrite): void;
  /** After the room closed its sockets and the store compacted, before the doc is destroyed. */
  onUnload?(room: Room): void | Promise<void>;
}

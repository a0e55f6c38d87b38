import type { StorageCheck } from './StorageHealth';

/**
 * Where board documents live: a snapshot, an append-only log of Yjs updates, and restore points
 * per board (docs/ARCHITECTURE.md, "Stores"). The sync room appends every accepted update before
 * anyone sees it; the store compacts its own log into a new snapshot (reading snapshot and log in
 * one transaction, so several writers may append meanwhile). SQLite and memory implement it
 * today; the contract suite (tests/server/docStoreContract.ts) runs against every implementation.
 */
export interface DocStore {
  /** The stored board, or null when nothing was ever stored for it (a new board). */
  load(boardId: string): Promise<StoredDoc | null>;
  /**
   * Appends one update to the board's log with who wrote it; durable when the promise resolves.
   * Returns its log position (seq), increasing within the board (a store may number each board
   * on its own: PostgreSQL keeps a gapless sequence per board).
   */
  append(boardId: string, update: Uint8Array, origin: AppendOrigin): Promise<number>;
  /**
   * Merges the snapshot and every log entry into a new snapshot and drops the entries it covers.
   * Entries appended while it runs stay in the log. Returns the seq the snapshot now covers
   * (0 when the board has nothing stored). `hint`, the full state of a sole writer that has
   * applied everything up to `hint.upToSeq`, is used instead of merging when the log ends exactly
   * there, which saves re-applying the log on the event loop.
   */
  compact(boardId: string, hint?: CompactionHint): Promise<number>;
  /** Stores the board's full state as of its last log entry, with who asked and why. */
  createRestorePoint(boardId: string, label: RestorePointLabel): Promise<RestorePointInfo>;
  /**
   * Stores a given full state as a restore point (one taken in the write path before a write, or
   * one carried by an event archive). Optional only until every store has it; BoardHistory falls
   * back to createRestorePoint without it.
   */
  addRestorePoint?(
    boardId: string,
    label: RestorePointLabel,
    point: { state: Uint8Array; upToSeq: number; createdAt?: number },
  ): Promise<RestorePointInfo>;
  /** The board's restore points, newest first (without their state). */
  listRestorePoints(boardId: string): Promise<RestorePointInfo[]>;
  /** One restore point with its full encoded state, or null when the board has no such point. */
  readRestorePoint(boardId: string, id: number): Promise<RestorePoint | null>;
  /** Deletes the given restore points of the board; returns how many were deleted. */
  deleteRestorePoints(boardId: string, ids: readonly number[]): Promise<number>;
  /** Sizes of one board's stored data (for metrics, tests and the moderator console). */
  stats(boardId: string): Promise<DocStoreStats>;
  /** Storage health for /healthz (files present and writable, free space); absent in memory. */
  health?(): StorageCheck;
  /** False while the disk is nearly full: the rooms refuse client writes (4507). Cheap; absent: true. */
  acceptsWrites?(): boolean;
  /** Releases the store; later calls reject. */
  close(): Promise<void>;
}

/** A room's encoded state, complete up to and including log entry `upToSeq`. */
export interface CompactionHint {
  state: Uint8Array;
  upToSeq: number;
}

/** Who wrote a log entry, as the store keeps it (see WriteOrigin for the room's richer form). */
export interface AppendOrigin {
  kind: 'client' | 'server' | 'peer';
  /** The token subject, server actor or peer instance id; null when unknown. */
  actor: string | null;
}

export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** The seq the snapshot covers, when the store knows it (a peer follows the log from there). */
  snapshotSeq?: number;
  /** Log entries after the snapshot, in append order. */
  updates: StoredUpdate[];
}

export interface StoredUpdate {
  seq: number;
  update: Uint8Array;
}

/** Who made a restore point and why (e.g. "before merge", "before restore"). */
export interface RestorePointLabel {
  actor: string;
  reason: string;
}

export interface RestorePointInfo extends RestorePointLabel {
  id: number;
  boardId: string;
  /** Epoch ms. */
  createdAt: number;
  /** The log position the state includes (every entry with seq <= upToSeq). */
  upToSeq: number;
  /** Entries per top-level map of the state (cards, clusters, votes...), for listing. */
  counts: Record<string, number>;
  bytes: number;
}

export interface RestorePoint {
  info: RestorePointInfo;
  /** The full encoded state (one Yjs update). */
  state: Uint8Array;
}

export interface DocStoreStats {
  snapshotBytes: number;
  logEntries: number;
  logBytes: number;
  /** Highest seq ever appended for this board (0 when none). */
  lastSeq: number;
}

/**
 * The store cannot be reached right now (a database down or unreachable): nothing was stored,
 * and retrying later may succeed. Rooms refuse updates with CLOSE_CODES.storeUnavailable.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

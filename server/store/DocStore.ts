import type { StorageCheck } from './StorageHealth';

/**
 * Where board documents live: a snapshot plus an append-only log of Yjs updates per board.
 * The sync room appends every accepted update before anyone sees it, and compacts the log into
 * a new snapshot in the background. SQLite implements it today; Postgres can tomorrow, and the
 * contract test suite (tests/server/docStoreContract.ts) runs against every implementation.
 */
export interface DocStore {
  /** The stored board, or null when nothing was ever stored for it (a new board). */
  load(boardId: string): Promise<StoredDoc | null>;
  /** Appends one update to the board's log; it is durable when the promise resolves. Returns its seq. */
  append(boardId: string, update: Uint8Array): Promise<number>;
  /**
   * Replaces the board's snapshot with `snapshot` and deletes the log entries with seq <= upToSeq,
   * atomically. `snapshot` must contain every one of those entries.
   */
  compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  /** Sizes of one board's stored data (for metrics, tests and the moderator console). */
  stats(boardId: string): Promise<DocStoreStats>;
  /** Storage health for /healthz (files present and writable, free space); absent in memory. */
  health?(): StorageCheck;
  /** Releases the store; later calls reject. */
  close(): Promise<void>;
}

export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** Log entries after the snapshot, in append order. */
  updates: StoredUpdate[];
}

export interface StoredUpdate {
  seq: number;
  update: Uint8Array;
}

export interface DocStoreStats {
  snapshotBytes: number;
  logEntries: number;
  logBytes: number;
  /** Highest seq ever appended for this board (0 when none). */
  lastSeq: number;
}

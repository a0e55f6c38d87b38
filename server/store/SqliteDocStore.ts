import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type {
  AppendOrigin,
  CompactionHint,
  DocStore,
  DocStoreStats,
  RestorePoint,
  RestorePointInfo,
  RestorePointLabel,
  StoredDoc,
} from './DocStore';
import { mergeStoredDoc } from './mergeStoredDoc';
import { openDatabase } from './openDatabase';
import { StorageHealth, type StorageCheck } from './StorageHealth';
import {
  DEFAULT_WAL_CHECKPOINT,
  WalCheckpointer,
  type WalCheckpointOptions,
} from './WalCheckpointer';

/** Appends between two looks at the WAL's size (a stat call) by the writer. */
const WAL_LOOK_EVERY = 64;

interface SnapshotRow {
  snapshot: Buffer;
  up_to_seq: number;
}
interface UpdateRow {
  seq: number;
  data: Buffer;
}
interface StatsRow {
  entries: number;
  bytes: number | null;
  last_seq: number | null;
}
interface RestorePointRow {
  id: number;
  board_id: string;
  created_at: number;
  up_to_seq: number;
  actor: string;
  reason: string;
  counts: string;
  bytes: number;
}

function toInfo(row: RestorePointRow): RestorePointInfo {
  let counts: Record<string, number> = {};
  try {
    counts = JSON.parse(row.counts) as Record<string, number>;
  } catch {
    // Written by us as JSON; an edited file only loses the counts, never the state.
  }
  return {
    id: row.id,
    boardId: row.board_id,
    createdAt: row.created_at,
    upToSeq: row.up_to_seq,
    actor: row.actor,
    reason: row.reason,
    counts,
    bytes: row.bytes,
  };
}

const RESTORE_POINT_COLUMNS =
  'id, board_id, created_at, up_to_seq, actor, reason, counts, LENGTH(state) AS bytes';

/**
 * DocStore on better-sqlite3 (see openDatabase for the durability argument). better-sqlite3 is
 * synchronous: each call finishes its transaction before returning, so "durable when the
 * promise resolves" holds, and an append costs tens of microseconds.
 */
export class SqliteDocStore implements DocStore {
  private readonly statements;
  private closed = false;
  private checkpointer: WalCheckpointer | null = null;
  private appendsSinceWalLook = 0;
  /** TRUNCATE checkpoints this connection ran because the WAL passed its bound. */
  walTruncations = 0;
  /** Free space and the files of this database (null for an in-memory database). */
  readonly storage: StorageHealth | null;

  /** Wraps an open, migrated database; `ownsDatabase` makes close() close it. */
  constructor(
    private readonly db: Database.Database,
    private readonly ownsDatabase = false,
    private readonly wal: WalCheckpointOptions = DEFAULT_WAL_CHECKPOINT,
  ) {
    this.statements = {
      snapshot: db.prepare<[string], SnapshotRow>(
        'SELECT snapshot, up_to_seq FROM doc_snapshots WHERE board_id = ?',
      ),
      updates: db.prepare<[string, number], UpdateRow>(
        'SELECT seq, data FROM doc_updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ),
      append: db.prepare<[string, Uint8Array, number, string, string | null]>(
        'INSERT INTO doc_updates (board_id, data, created_at, origin, actor) VALUES (?, ?, ?, ?, ?)',
      ),
      upsertSnapshot: db.prepare<[string, Uint8Array, number, number]>(
        `INSERT INTO doc_snapshots (board_id, snapshot, up_to_seq, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET
           snapshot = excluded.snapshot, up_to_seq = excluded.up_to_seq, updated_at = excluded.updated_at`,
      ),
      deleteCovered: db.prepare<[string, number]>(
        'DELETE FROM doc_updates WHERE board_id = ? AND seq <= ?',
      ),
      logStats: db.prepare<[string], StatsRow>(
        `SELECT COUNT(*) AS entries, SUM(LENGTH(data)) AS bytes, MAX(seq) AS last_seq
         FROM doc_updates WHERE board_id = ?`,
      ),
      insertRestorePoint: db.prepare<[string, number, number, string, string, string, Uint8Array]>(
        `INSERT INTO doc_restore_points (board_id, created_at, up_to_seq, actor, reason, counts, state)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      restorePoint: db.prepare<[string, number], RestorePointRow>(
        `SELECT ${RESTORE_POINT_COLUMNS} FROM doc_restore_points WHERE board_id = ? AND id = ?`,
      ),
      restorePointState: db.prepare<[number], { state: Buffer }>(
        'SELECT state FROM doc_restore_points WHERE id = ?',
      ),
      restorePoints: db.prepare<[string], RestorePointRow>(
        `SELECT ${RESTORE_POINT_COLUMNS} FROM doc_restore_points WHERE board_id = ? ORDER BY id DESC`,
      ),
      deleteRestorePoint: db.prepare<[string, number]>(
        'DELETE FROM doc_restore_points WHERE board_id = ? AND id = ?',
      ),
    };
    this.storage = db.memory ? null : new StorageHealth({ databaseFile: db.name });
    this.storage?.watch();
  }

  /** Opens the SQLite file under `dataDir` and returns a store that owns it. */
  static open(
    dataDir: string,
    options: { synchronous?: 'NORMAL' | 'FULL'; wal?: WalCheckpointOptions } = {},
  ): SqliteDocStore {
    return new SqliteDocStore(openDatabase(dataDir, options), true, options.wal);
  }

  async load(boardId: string): Promise<StoredDoc | null> {
    this.assertOpen();
    return this.read(boardId);
  }

  async append(boardId: string, update: Uint8Array, origin: AppendOrigin): Promise<number> {
    this.assertOpen();
    const result = this.statements.append.run(
      boardId,
      update,
      Date.now(),
      origin.kind,
      origin.actor,
    );
    if (++this.appendsSinceWalLook >= WAL_LOOK_EVERY) this.boundWal();
    return Number(result.lastInsertRowid);
  }

  /**
   * The writer's own guard on the WAL: under writes back to back the worker's checkpoints may
   * never get the lock, so past the bound the writer empties the WAL itself (a few ms, most
   * frames already copied by the worker's passive checkpoints).
   */
  private boundWal(): void {
    this.appendsSinceWalLook = 0;
    if (this.db.memory) return;
    let size: number;
    try {
      size = fs.statSync(`${this.db.name}-wal`).size;
    } catch {
      return;
    }
    if (size <= this.wal.maxWalBytes) return;
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy === 0) this.walTruncations++;
    // The worker was checkpointing at that moment: look again at the next append.
    else this.appendsSinceWalLook = WAL_LOOK_EVERY - 1;
  }

  async compact(boardId: string, hint?: CompactionHint): Promise<number> {
    this.assertOpen();
    const stored = this.read(boardId);
    if (!stored) return 0;
    const covered = stored.updates.at(-1)?.seq;
    if (covered === undefined) return this.statements.snapshot.get(boardId)?.up_to_seq ?? 0;
    const state =
      hint?.upToSeq === covered
        ? hint.state
        : mergeStoredDoc(stored.snapshot, stored.updates).state;
    this.db.transaction(() => {
      const previous = this.statements.snapshot.get(boardId);
      // Another writer's compaction got further meanwhile: never roll the snapshot back.
      if (previous && previous.up_to_seq >= covered) return;
      this.statements.upsertSnapshot.run(boardId, state, covered, Date.now());
      this.statements.deleteCovered.run(boardId, covered);
    })();
    return covered;
  }

  async createRestorePoint(boardId: string, label: RestorePointLabel): Promise<RestorePointInfo> {
    this.assertOpen();
    const [stored, upToSeq] = this.db.transaction(
      () => [this.read(boardId), this.lastSeqOf(boardId)] as const,
    )();
    const merged = mergeStoredDoc(stored?.snapshot ?? null, stored?.updates ?? []);
    return this.insertPoint(boardId, label, { ...merged, upToSeq, createdAt: Date.now() });
  }

  async addRestorePoint(
    boardId: string,
    label: RestorePointLabel,
    point: { state: Uint8Array; upToSeq: number; createdAt?: number },
  ): Promise<RestorePointInfo> {
    this.assertOpen();
    const merged = mergeStoredDoc(point.state, []);
    return this.insertPoint(boardId, label, {
      ...merged,
      upToSeq: point.upToSeq,
      createdAt: point.createdAt ?? Date.now(),
    });
  }

  private insertPoint(
    boardId: string,
    label: RestorePointLabel,
    point: {
      state: Uint8Array;
      counts: Record<string, number>;
      upToSeq: number;
      createdAt: number;
    },
  ): RestorePointInfo {
    const result = this.statements.insertRestorePoint.run(
      boardId,
      point.createdAt,
      point.upToSeq,
      label.actor,
      label.reason,
      JSON.stringify(point.counts),
      point.state,
    );
    const row = this.statements.restorePoint.get(boardId, Number(result.lastInsertRowid));
    if (!row) throw new Error('restore point vanished after insert');
    return toInfo(row);
  }

  async listRestorePoints(boardId: string): Promise<RestorePointInfo[]> {
    this.assertOpen();
    return this.statements.restorePoints.all(boardId).map(toInfo);
  }

  async readRestorePoint(boardId: string, id: number): Promise<RestorePoint | null> {
    this.assertOpen();
    return this.db.transaction(() => {
      const row = this.statements.restorePoint.get(boardId, id);
      const stateRow = row && this.statements.restorePointState.get(id);
      if (!row || !stateRow) return null;
      return { info: toInfo(row), state: new Uint8Array(stateRow.state) };
    })();
  }

  async deleteRestorePoints(boardId: string, ids: readonly number[]): Promise<number> {
    this.assertOpen();
    return this.db.transaction(() => {
      let deleted = 0;
      for (const id of ids) deleted += this.statements.deleteRestorePoint.run(boardId, id).changes;
      return deleted;
    })();
  }

  async stats(boardId: string): Promise<DocStoreStats> {
    this.assertOpen();
    const snapshotRow = this.statements.snapshot.get(boardId);
    const log = this.statements.logStats.get(boardId);
    return {
      snapshotBytes: snapshotRow?.snapshot.byteLength ?? 0,
      logEntries: log?.entries ?? 0,
      logBytes: log?.bytes ?? 0,
      lastSeq: Math.max(log?.last_seq ?? 0, snapshotRow?.up_to_seq ?? 0),
    };
  }

  /** Files present, writable and not replaced; free space above the floor. */
  health(): StorageCheck {
    return this.storage?.check() ?? { ok: true, problems: [], freeBytes: null };
  }

  /** False while free space is below the floor (looked at every 2 s by the storage watch). */
  acceptsWrites(): boolean {
    return this.storage?.acceptsWrites ?? true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.storage?.stop();
    await this.checkpointer?.stop();
    if (this.ownsDatabase) this.db.close();
  }

  /** Runs WAL checkpoints in a worker thread from now on (see WalCheckpointer). */
  checkpointInBackground(onError: (error: unknown) => void): WalCheckpointer | null {
    this.checkpointer ??= WalCheckpointer.start(this.db, onError, this.wal);
    return this.checkpointer;
  }

  /** Snapshot and log after it, read in one transaction (a consistent view for any writer). */
  private read(boardId: string): StoredDoc | null {
    return this.db.transaction(() => {
      const snapshotRow = this.statements.snapshot.get(boardId);
      const rows = this.statements.updates.all(boardId, snapshotRow?.up_to_seq ?? 0);
      if (!snapshotRow && rows.length === 0) return null;
      return {
        snapshot: snapshotRow ? new Uint8Array(snapshotRow.snapshot) : null,
        updates: rows.map((row) => ({ seq: row.seq, update: new Uint8Array(row.data) })),
      };
    })();
  }

  private lastSeqOf(boardId: string): number {
    const snapshotRow = this.statements.snapshot.get(boardId);
    const log = this.statements.logStats.get(boardId);
    return Math.max(log?.last_seq ?? 0, snapshotRow?.up_to_seq ?? 0);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteDocStore is closed');
  }
}

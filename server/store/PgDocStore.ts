import pg from 'pg';
import {
  StoreUnavailableError,
  type AppendOrigin,
  type CompactionHint,
  type DocStore,
  type DocStoreStats,
  type RestorePoint,
  type RestorePointInfo,
  type RestorePointLabel,
  type StoredDoc,
  type StoredUpdate,
} from './DocStore';
import { mergeStoredDoc } from './mergeStoredDoc';
import { openPgPool } from './postgres/openPgPool';
import * as restorePoints from './postgres/pgRestorePoints';

export interface PgDocStoreOptions {
  /** postgres://user@host:port/database */
  connectionString: string;
  /** A schema of its own (created if missing), e.g. for tests side by side; default `public`. */
  schema?: string;
  /** Pool size; group commits take at most a few connections whatever the number of boards. */
  maxConnections?: number;
  /**
   * How long an append waits for others to the same board before they commit together. 0 commits
   * on the next turn of the event loop, which already groups a burst that arrived together.
   */
  groupCommitMs?: number;
  /** How long to wait for a connection before calling the database unavailable (default 3 s). */
  connectTimeoutMs?: number;
}

interface PendingAppend {
  update: Uint8Array;
  origin: AppendOrigin;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Group-commit transactions in flight at once. Each takes the appends of every board that has no
 * commit in flight, so a few connections serve any number of busy boards (20 boards once meant 20
 * transactions queueing for 10 pooled connections, and a queue wait past the connect timeout).
 */
const MAX_COMMITS_IN_FLIGHT = 3;

/** Deadlock or serialization failure: PostgreSQL rolled the batch back, and a retry may pass. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Whether a pg error means "the database cannot be reached" rather than "this statement failed":
 * socket errors and timeouts carry no SQLSTATE; classes 08 (connection) and 57 (operator
 * intervention: shutdown, cannot connect now) are the server going away.
 */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return code.startsWith('08') || code.startsWith('57');
  }
  return true;
}

function toStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isUnavailable(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`PostgreSQL unavailable: ${detail}`, { cause: error });
}

/**
 * DocStore on PostgreSQL, for the scaled mode where several instances share one database.
 *
 * Every board has a gapless sequence: an append raises `doc_heads.head_seq` and inserts its rows
 * in one transaction, so concurrent writers on other instances are ordered by the row lock and
 * receivers can tell a missing message from a duplicate. Appends are group-committed across boards:
 * a transaction takes what every board without a commit in flight has queued, so busy boards cost
 * one round trip per batch, not per update or per board. An append resolves after COMMIT (durable).
 */
export class PgDocStore implements DocStore {
  /** Appends waiting for a commit, per board, in call order. */
  private readonly pending = new Map<string, PendingAppend[]>();
  /** Boards with a commit in flight: their next appends wait, which keeps each log in order. */
  private readonly committing = new Set<string>();
  private readonly flights = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly groupCommitMs: number,
  ) {}

  /** Connects, creates the schema if asked, migrates, and returns the store. */
  static async open(options: PgDocStoreOptions): Promise<PgDocStore> {
    // keepAlive (set by openPgPool): a socket that stops answering must fail appends, not hang.
    const pool = await openPgPool({
      connectionString: options.connectionString,
      schema: options.schema ?? null,
      maxConnections: options.maxConnections ?? 10,
      ...(options.connectTimeoutMs !== undefined
        ? { connectTimeoutMs: options.connectTimeoutMs }
        : {}),
    });
    return new PgDocStore(pool, options.groupCommitMs ?? 0);
  }

  async load(boardId: string): Promise<StoredDoc | null> {
    this.assertOpen();
    return this.inTransaction('REPEATABLE READ', (client) => this.read(client, boardId));
  }

  /**
   * The log entries of a board after `afterSeq`, in order (fills a gap a receiver noticed). When
   * a compaction already folded some of them into the snapshot, the first entry returned is
   * past `afterSeq + 1`: the caller then loads the board instead.
   */
  async readSince(boardId: string, afterSeq: number): Promise<StoredUpdate[]> {
    this.assertOpen();
    const client = await this.connect();
    try {
      return await this.selectUpdates(client, boardId, afterSeq);
    } catch (error) {
      throw toStoreError(error);
    } finally {
      client.release();
    }
  }

  /** The board's highest committed seq (0 when nothing was ever appended). */
  async head(boardId: string): Promise<number> {
    return (await this.heads([boardId])).get(boardId) ?? 0;
  }

  /** The highest committed seq of each board asked for, in one query (boards never written: 0). */
  async heads(boardIds: readonly string[]): Promise<Map<string, number>> {
    this.assertOpen();
    const heads = new Map(boardIds.map((id) => [id, 0]));
    if (boardIds.length === 0) return heads;
    try {
      const result = await this.pool.query<{ board_id: string; head_seq: string }>(
        'SELECT board_id, head_seq FROM doc_heads WHERE board_id = ANY($1::text[])',
        [boardIds],
      );
      for (const row of result.rows) heads.set(row.board_id, Number(row.head_seq));
      return heads;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  append(boardId: string, update: Uint8Array, origin: AppendOrigin): Promise<number> {
    if (this.closed) return Promise.reject(new Error('PgDocStore is closed'));
    return new Promise<number>((resolve, reject) => {
      const queue = this.pending.get(boardId) ?? [];
      // Copy: the caller's buffer may be reused, the store must keep what was appended.
      queue.push({ update: update.slice(), origin: { ...origin }, resolve, reject });
      this.pending.set(boardId, queue);
      this.schedule();
    });
  }

  async compact(boardId: string, hint?: CompactionHint): Promise<number> {
    this.assertOpen();
    return this.inTransaction('READ COMMITTED', async (client) => {
      // One compaction per board at a time, whichever instance runs it. READ COMMITTED, because
      // a REPEATABLE READ view would be taken when the lock query starts, before the wait, and
      // miss the compaction it waited for. Under the lock only appends run meanwhile: they add
      // rows after the ones read, which stay in the log.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('papan-compact:' || $1))", [
        boardId,
      ]);
      const snapshot = await client.query<{ snapshot: Buffer; up_to_seq: string }>(
        'SELECT snapshot, up_to_seq FROM doc_snapshots WHERE board_id = $1',
        [boardId],
      );
      const previous = snapshot.rows[0];
      const previousSeq = Number(previous?.up_to_seq ?? 0);
      const updates = await this.selectUpdates(client, boardId, previousSeq);
      const covered = updates.at(-1)?.seq;
      if (covered === undefined) return previousSeq;
      const state =
        hint?.upToSeq === covered
          ? hint.state
          : mergeStoredDoc(previous ? new Uint8Array(previous.snapshot) : null, updates).state;
      await client.query(
        `INSERT INTO doc_snapshots (board_id, snapshot, up_to_seq, updated_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (board_id) DO UPDATE SET
           snapshot = EXCLUDED.snapshot, up_to_seq = EXCLUDED.up_to_seq, updated_at = EXCLUDED.updated_at`,
        [boardId, Buffer.from(state), covered, Date.now()],
      );
      await client.query('DELETE FROM doc_updates WHERE board_id = $1 AND seq <= $2', [
        boardId,
        covered,
      ]);
      return covered;
    });
  }

  async createRestorePoint(boardId: string, label: RestorePointLabel): Promise<RestorePointInfo> {
    this.assertOpen();
    const { stored, upToSeq } = await this.inTransaction('REPEATABLE READ', async (client) => {
      const head = await client.query<{ head_seq: string }>(
        'SELECT head_seq FROM doc_heads WHERE board_id = $1',
        [boardId],
      );
      return {
        stored: await this.read(client, boardId),
        upToSeq: Number(head.rows[0]?.head_seq ?? 0),
      };
    });
    const { state, counts } = mergeStoredDoc(stored?.snapshot ?? null, stored?.updates ?? []);
    return this.run(() =>
      restorePoints.insertRestorePoint(this.pool, boardId, label, { upToSeq, state, counts }),
    );
  }

  async addRestorePoint(
    boardId: string,
    label: RestorePointLabel,
    point: { state: Uint8Array; upToSeq: number; createdAt?: number },
  ): Promise<RestorePointInfo> {
    this.assertOpen();
    // The state is taken by the caller (the alarm: the room's document before the deleting
    // write), so this point cannot land after what it guards against.
    const { state, counts } = mergeStoredDoc(point.state, []);
    return this.run(() =>
      restorePoints.insertRestorePoint(this.pool, boardId, label, { ...point, state, counts }),
    );
  }

  async listRestorePoints(boardId: string): Promise<RestorePointInfo[]> {
    this.assertOpen();
    return this.run(() => restorePoints.listRestorePoints(this.pool, boardId));
  }

  async readRestorePoint(boardId: string, id: number): Promise<RestorePoint | null> {
    this.assertOpen();
    return this.run(() => restorePoints.readRestorePoint(this.pool, boardId, id));
  }

  async deleteRestorePoints(boardId: string, ids: readonly number[]): Promise<number> {
    this.assertOpen();
    return this.run(() => restorePoints.deleteRestorePoints(this.pool, boardId, ids));
  }

  async stats(boardId: string): Promise<DocStoreStats> {
    this.assertOpen();
    const result = await this.run(() =>
      this.pool.query<{
        snapshot_bytes: string | null;
        entries: string;
        bytes: string | null;
        head_seq: string | null;
      }>(
        `SELECT
         (SELECT octet_length(snapshot) FROM doc_snapshots WHERE board_id = $1) AS snapshot_bytes,
         (SELECT COUNT(*) FROM doc_updates WHERE board_id = $1) AS entries,
         (SELECT SUM(octet_length(data)) FROM doc_updates WHERE board_id = $1) AS bytes,
         (SELECT head_seq FROM doc_heads WHERE board_id = $1) AS head_seq`,
        [boardId],
      ),
    );
    const row = result.rows[0];
    return {
      snapshotBytes: Number(row?.snapshot_bytes ?? 0),
      logEntries: Number(row?.entries ?? 0),
      logBytes: Number(row?.bytes ?? 0),
      lastSeq: Number(row?.head_seq ?? 0),
    };
  }

  /** Resolves when PostgreSQL answers a trivial query (for /healthz); rejects otherwise. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.run(() => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already accepted still commit: their callers were promised durability.
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.pending.size > 0 || this.flights.size > 0) {
      this.flush();
      await Promise.all(this.flights);
    }
    await this.pool.end();
  }

  private schedule(): void {
    if (this.timer || this.flights.size >= MAX_COMMITS_IN_FLIGHT) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.groupCommitMs);
  }

  /** Starts one group commit of every board with appends waiting and no commit in flight. */
  private flush(): void {
    const batches = new Map<string, PendingAppend[]>();
    for (const [boardId, queue] of this.pending) {
      if (this.committing.has(boardId)) continue;
      batches.set(boardId, queue);
      this.pending.delete(boardId);
      this.committing.add(boardId);
    }
    if (batches.size === 0) return;
    const flight: Promise<void> = this.commitBoards(batches)
      .then((firstSeqs) => {
        for (const [boardId, batch] of batches) {
          const first = firstSeqs.get(boardId) ?? 0;
          batch.forEach((entry, index) => entry.resolve(first + index));
        }
      })
      .catch((error: unknown) => {
        for (const batch of batches.values()) for (const entry of batch) entry.reject(error);
      })
      .finally(() => {
        for (const boardId of batches.keys()) this.committing.delete(boardId);
        this.flights.delete(flight);
        if (this.pending.size > 0 && !this.closed) this.schedule();
      });
    this.flights.add(flight);
  }

  /**
   * Commits the batches of several boards in one transaction (retried once when PostgreSQL
   * picked it as a deadlock victim); returns each board's first seq.
   */
  private async commitBoards(batches: Map<string, PendingAppend[]>): Promise<Map<string, number>> {
    try {
      return await this.commitBatches(batches);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && RETRYABLE.has(code)) return this.commitBatches(batches);
      throw error;
    }
  }

  /**
   * One statement, so one round trip and its own transaction: raises each board's head by its
   * batch size (boards in id order, so two instances committing overlapping boards lock their
   * head rows in the same order) and inserts every row under its gapless seq, numbered from the
   * head the first part returns. Returns each board's first seq.
   */
  private async commitBatches(batches: Map<string, PendingAppend[]>): Promise<Map<string, number>> {
    const boards = [...batches.keys()].sort();
    const sizes = boards.map((id) => batches.get(id)?.length ?? 0);
    const rows = boards.flatMap((id) =>
      (batches.get(id) ?? []).map((entry, index) => ({ id, index, entry })),
    );
    const heads = await this.run(() =>
      this.pool.query<{ board_id: string; head_seq: string }>(
        `WITH heads AS (
           INSERT INTO doc_heads (board_id, head_seq)
           SELECT t.board_id, t.n
           FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS t(board_id, n, ord)
           ORDER BY t.ord
           ON CONFLICT (board_id) DO UPDATE SET head_seq = doc_heads.head_seq + EXCLUDED.head_seq
           RETURNING board_id, head_seq
         ), sizes AS (
           SELECT * FROM unnest($1::text[], $2::bigint[]) AS s(board_id, n)
         ), stored AS (
           INSERT INTO doc_updates (board_id, seq, data, origin, actor, created_at)
           SELECT t.board_id, h.head_seq - s.n + 1 + t.idx, t.data, t.origin, t.actor, $8
           FROM unnest($3::text[], $4::bigint[], $5::bytea[], $6::text[], $7::text[])
             AS t(board_id, idx, data, origin, actor)
           JOIN heads h ON h.board_id = t.board_id
           JOIN sizes s ON s.board_id = t.board_id
         )
         SELECT board_id, head_seq FROM heads`,
        [
          boards,
          sizes,
          rows.map((row) => row.id),
          rows.map((row) => row.index),
          rows.map((row) => Buffer.from(row.entry.update)),
          rows.map((row) => row.entry.origin.kind),
          rows.map((row) => row.entry.origin.actor),
          Date.now(),
        ],
      ),
    );
    const firstSeqs = new Map<string, number>();
    for (const row of heads.rows) {
      firstSeqs.set(
        row.board_id,
        Number(row.head_seq) - (batches.get(row.board_id)?.length ?? 0) + 1,
      );
    }
    if (firstSeqs.size !== boards.length) {
      throw new Error(`group commit returned ${firstSeqs.size} heads for ${boards.length} boards`);
    }
    return firstSeqs;
  }

  /** Snapshot and the log after it; call inside a REPEATABLE READ transaction. */
  private async read(client: pg.PoolClient, boardId: string): Promise<StoredDoc | null> {
    const snapshot = await client.query<{ snapshot: Buffer; up_to_seq: string }>(
      'SELECT snapshot, up_to_seq FROM doc_snapshots WHERE board_id = $1',
      [boardId],
    );
    const snapshotRow = snapshot.rows[0];
    const updates = await this.selectUpdates(client, boardId, Number(snapshotRow?.up_to_seq ?? 0));
    if (!snapshotRow && updates.length === 0) return null;
    return {
      snapshot: snapshotRow ? new Uint8Array(snapshotRow.snapshot) : null,
      snapshotSeq: Number(snapshotRow?.up_to_seq ?? 0),
      updates,
    };
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  private async selectUpdates(
    client: pg.PoolClient,
    boardId: string,
    afterSeq: number,
  ): Promise<StoredUpdate[]> {
    const rows = await client.query<{ seq: string; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE board_id = $1 AND seq > $2 ORDER BY seq',
      [boardId, afterSeq],
    );
    return rows.rows.map((row) => ({ seq: Number(row.seq), update: new Uint8Array(row.data) }));
  }

  private async inTransaction<T>(
    isolation: 'READ COMMITTED' | 'REPEATABLE READ',
    work: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const client = await this.connect();
    let broken = false;
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    } catch (error) {
      throw toStoreError(error);
    } finally {
      // A connection that could not even roll back is not given to the next caller.
      client.release(broken);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PgDocStore is closed');
  }
}

import pg from 'pg';
import type { DocStore, DocStoreStats, StoredDoc, StoredUpdate } from './DocStore';
import { migratePg } from './postgres/pgMigrations';

export interface PgDocStoreOptions {
  /** postgres://user@host:port/database */
  connectionString: string;
  /** A schema of its own (created if missing), e.g. for tests side by side; default `public`. */
  schema?: string;
  /** Pool size; each board has at most one commit in flight, so this bounds parallel boards. */
  maxConnections?: number;
  /**
   * How long an append waits for others to the same board before they commit together. 0 commits
   * on the next turn of the event loop, which already groups a burst that arrived together.
   */
  groupCommitMs?: number;
}

interface PendingAppend {
  update: Uint8Array;
  origin: string;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

interface BoardQueue {
  pending: PendingAppend[];
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * DocStore on PostgreSQL, for the scaled mode where several instances share one database.
 *
 * Every board has a gapless sequence: an append raises `doc_heads.head_seq` and inserts its rows
 * in one transaction, so concurrent writers on other instances are ordered by the row lock and
 * receivers can tell a missing message from a duplicate. Appends to one board are group-committed:
 * while one transaction is in flight the next appends queue up and commit together, so a busy
 * board costs one round trip per batch, not per update. An append resolves after COMMIT (durable).
 */
export class PgDocStore implements DocStore {
  private readonly queues = new Map<string, BoardQueue>();
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly groupCommitMs: number,
  ) {}

  /** Connects, creates the schema if asked, migrates, and returns the store. */
  static async open(options: PgDocStoreOptions): Promise<PgDocStore> {
    const schema = options.schema;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new Error(`PgDocStore: schema name "${schema}" is not a plain lower-case identifier`);
    }
    if (schema) {
      const admin = new pg.Client({ connectionString: options.connectionString });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client's connection error (server restart) must not crash the process; the next
    // query gets a fresh connection or a clear error.
    pool.on('error', () => {});
    try {
      await migratePg(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgDocStore(pool, options.groupCommitMs ?? 0);
  }

  async load(boardId: string): Promise<StoredDoc | null> {
    this.assertOpen();
    return this.inTransaction('REPEATABLE READ', async (client) => {
      const snapshot = await client.query<{ snapshot: Buffer; up_to_seq: string }>(
        'SELECT snapshot, up_to_seq FROM doc_snapshots WHERE board_id = $1',
        [boardId],
      );
      const snapshotRow = snapshot.rows[0];
      const updates = await this.selectUpdates(
        client,
        boardId,
        Number(snapshotRow?.up_to_seq ?? 0),
      );
      if (!snapshotRow && updates.length === 0) return null;
      return { snapshot: snapshotRow ? new Uint8Array(snapshotRow.snapshot) : null, updates };
    });
  }

  /** The log entries of a board after `afterSeq`, in order (fills a gap a receiver noticed). */
  async readSince(boardId: string, afterSeq: number): Promise<StoredUpdate[]> {
    this.assertOpen();
    const client = await this.pool.connect();
    try {
      return await this.selectUpdates(client, boardId, afterSeq);
    } finally {
      client.release();
    }
  }

  /** The board's highest committed seq (0 when nothing was ever appended). */
  async head(boardId: string): Promise<number> {
    this.assertOpen();
    const result = await this.pool.query<{ head_seq: string }>(
      'SELECT head_seq FROM doc_heads WHERE board_id = $1',
      [boardId],
    );
    return Number(result.rows[0]?.head_seq ?? 0);
  }

  append(boardId: string, update: Uint8Array, origin = ''): Promise<number> {
    if (this.closed) return Promise.reject(new Error('PgDocStore is closed'));
    return new Promise<number>((resolve, reject) => {
      const queue = this.queueOf(boardId);
      // Copy: the caller's buffer may be reused, the store must keep what was appended.
      queue.pending.push({ update: update.slice(), origin, resolve, reject });
      this.schedule(boardId, queue);
    });
  }

  async compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    this.assertOpen();
    await this.inTransaction('READ COMMITTED', async (client) => {
      // One compaction per board at a time, whichever instance runs it.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('papan-compact:' || $1))", [
        boardId,
      ]);
      const previous = await client.query<{ up_to_seq: string }>(
        'SELECT up_to_seq FROM doc_snapshots WHERE board_id = $1',
        [boardId],
      );
      // A slower compaction finishing after a newer one must not roll the snapshot back.
      if (Number(previous.rows[0]?.up_to_seq ?? 0) > upToSeq) return;
      await client.query(
        `INSERT INTO doc_snapshots (board_id, snapshot, up_to_seq, updated_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (board_id) DO UPDATE SET
           snapshot = EXCLUDED.snapshot, up_to_seq = EXCLUDED.up_to_seq, updated_at = EXCLUDED.updated_at`,
        [boardId, Buffer.from(snapshot), upToSeq, Date.now()],
      );
      await client.query('DELETE FROM doc_updates WHERE board_id = $1 AND seq <= $2', [
        boardId,
        upToSeq,
      ]);
    });
  }

  async stats(boardId: string): Promise<DocStoreStats> {
    this.assertOpen();
    const result = await this.pool.query<{
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
    );
    const row = result.rows[0];
    return {
      snapshotBytes: Number(row?.snapshot_bytes ?? 0),
      logEntries: Number(row?.entries ?? 0),
      logBytes: Number(row?.bytes ?? 0),
      lastSeq: Number(row?.head_seq ?? 0),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already accepted still commit: their callers were promised durability.
    for (const [boardId, queue] of this.queues) {
      if (queue.timer) {
        clearTimeout(queue.timer);
        queue.timer = null;
        this.flush(boardId, queue);
      }
    }
    await Promise.all([...this.queues.values()].map((queue) => queue.flushing));
    await this.pool.end();
  }

  private queueOf(boardId: string): BoardQueue {
    let queue = this.queues.get(boardId);
    if (!queue) {
      queue = { pending: [], timer: null, flushing: null };
      this.queues.set(boardId, queue);
    }
    return queue;
  }

  private schedule(boardId: string, queue: BoardQueue): void {
    // One commit in flight per board keeps the board's log in append order.
    if (queue.flushing || queue.timer) return;
    queue.timer = setTimeout(() => {
      queue.timer = null;
      this.flush(boardId, queue);
    }, this.groupCommitMs);
  }

  private flush(boardId: string, queue: BoardQueue): void {
    const batch = queue.pending;
    queue.pending = [];
    if (batch.length === 0) {
      this.queues.delete(boardId);
      return;
    }
    queue.flushing = this.commitBatch(boardId, batch)
      .then((firstSeq) => batch.forEach((entry, index) => entry.resolve(firstSeq + index)))
      .catch((error: unknown) => batch.forEach((entry) => entry.reject(error)))
      .finally(() => {
        queue.flushing = null;
        if (queue.pending.length > 0) this.schedule(boardId, queue);
        else if (!queue.timer) this.queues.delete(boardId);
      });
  }

  /** Commits a batch of one board's updates in one transaction; returns the first seq given. */
  private commitBatch(boardId: string, batch: PendingAppend[]): Promise<number> {
    return this.inTransaction('READ COMMITTED', async (client) => {
      const head = await client.query<{ head_seq: string }>(
        `INSERT INTO doc_heads (board_id, head_seq) VALUES ($1, $2)
         ON CONFLICT (board_id) DO UPDATE SET head_seq = doc_heads.head_seq + EXCLUDED.head_seq
         RETURNING head_seq`,
        [boardId, batch.length],
      );
      const firstSeq = Number(head.rows[0]?.head_seq) - batch.length + 1;
      await client.query(
        `INSERT INTO doc_updates (board_id, seq, data, origin, created_at)
         SELECT $1, $2::bigint + t.ord - 1, t.data, t.origin, $5
         FROM unnest($3::bytea[], $4::text[]) WITH ORDINALITY AS t(data, origin, ord)`,
        [
          boardId,
          firstSeq,
          batch.map((entry) => Buffer.from(entry.update)),
          batch.map((entry) => entry.origin),
          Date.now(),
        ],
      );
      return firstSeq;
    });
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
    const client = await this.pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    } finally {
      client.release();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PgDocStore is closed');
  }
}

import type pg from 'pg';

/**
 * Schema migrations of the PostgreSQL database (scaled mode), applied in order; the table
 * `papan_schema_migrations` records which ran. Append new migrations at the end; never edit one
 * that has shipped (the SQLite file has its own list in ../migrations.ts).
 */
export const PG_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      -- One row per board: the gapless per-board sequence. An append updates head_seq in the
      -- same transaction as it inserts its rows, so the row lock orders writers from every
      -- instance and no seq is skipped or used twice.
      CREATE TABLE doc_heads (
        board_id TEXT PRIMARY KEY,
        head_seq BIGINT NOT NULL DEFAULT 0
      );
      CREATE TABLE doc_snapshots (
        board_id TEXT PRIMARY KEY,
        snapshot BYTEA NOT NULL,
        up_to_seq BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE doc_updates (
        board_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        data BYTEA NOT NULL,
        origin TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL,
        PRIMARY KEY (board_id, seq)
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- Who wrote each log entry (origin keeps the kind: client, server, peer).
      ALTER TABLE doc_updates ADD COLUMN actor TEXT;
      -- The history issue's restore points: a board's full state at a log position.
      CREATE TABLE doc_restore_points (
        id BIGSERIAL PRIMARY KEY,
        board_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        up_to_seq BIGINT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        counts TEXT NOT NULL,
        state BYTEA NOT NULL
      );
      CREATE INDEX doc_restore_points_board ON doc_restore_points (board_id, id);
    `,
  },
  {
    version: 3,
    sql: `
      -- The application data, as in the SQLite file (server/events/appSchema.ts), shared by
      -- every instance: events, boards with their control state and join codes, tokens, audit.
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        year INTEGER NOT NULL,
        kabupaten_kode TEXT NOT NULL,
        kabupaten_nama TEXT NOT NULL,
        gazetteer_json TEXT NOT NULL,
        taxonomy_json TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id),
        kind TEXT NOT NULL CHECK (kind IN ('kecamatan', 'merged')),
        kecamatan_kode TEXT,
        title TEXT NOT NULL,
        -- Unique across instances: an insert that draws a taken code retries with another.
        join_code TEXT NOT NULL UNIQUE,
        locked BOOLEAN NOT NULL DEFAULT false,
        phase TEXT NOT NULL DEFAULT 'tulis',
        timer_ends_at BIGINT,
        vote_budget INTEGER NOT NULL DEFAULT 3,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX boards_event ON boards (event_id);
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('staff', 'moderator', 'participant')),
        name TEXT NOT NULL,
        event_id TEXT,
        board_id TEXT,
        desa_kode TEXT,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked BOOLEAN NOT NULL DEFAULT false
      );
      CREATE TABLE audit (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        event_id TEXT,
        board_id TEXT,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_event ON audit (event_id, id);
    `,
  },
];

/** Any key for pg_advisory_lock that other code of ours does not use: "papan" in ASCII. */
const MIGRATION_LOCK_KEY = 0x7061_7061_6e;

/**
 * Brings the database up to the newest schema. Several instances may start at once: an advisory
 * lock lets one migrate while the others wait, then see the work done. Throws if the database is
 * newer than this code.
 */
export async function migratePg(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS papan_schema_migrations (
           version INTEGER PRIMARY KEY,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )`,
      );
      const result = await client.query<{ version: number | null }>(
        'SELECT MAX(version) AS version FROM papan_schema_migrations',
      );
      const current = result.rows[0]?.version ?? 0;
      const newest = PG_MIGRATIONS.at(-1)?.version ?? 0;
      if (current > newest) {
        throw new Error(
          `The database schema (version ${current}) is newer than this server (${newest}); upgrade the server`,
        );
      }
      for (const migration of PG_MIGRATIONS) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO papan_schema_migrations (version) VALUES ($1)', [
            migration.version,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

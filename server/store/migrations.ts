import type Database from 'better-sqlite3';

/**
 * Schema migrations of the server's SQLite file, applied in order; `PRAGMA user_version` records
 * the last one applied. Append new migrations at the end; never edit one that has shipped.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE doc_snapshots (
        board_id TEXT PRIMARY KEY,
        snapshot BLOB NOT NULL,
        up_to_seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        board_id TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX doc_updates_by_board ON doc_updates (board_id, seq);
    `,
  },
  {
    // Who wrote each log entry (older rows: unknown), and restore points (full states).
    version: 2,
    sql: `
      ALTER TABLE doc_updates ADD COLUMN origin TEXT;
      ALTER TABLE doc_updates ADD COLUMN actor TEXT;
      CREATE TABLE doc_restore_points (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        board_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        up_to_seq INTEGER NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        counts TEXT NOT NULL,
        state BLOB NOT NULL
      ) STRICT;
      CREATE INDEX doc_restore_points_by_board ON doc_restore_points (board_id, id);
    `,
  },
];

/** Brings `db` up to the newest schema; throws if the file is newer than this code. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number') throw new Error('Could not read SQLite user_version');
  const newest = MIGRATIONS.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `The database schema (version ${current}) is newer than this server (${newest}); upgrade the server`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

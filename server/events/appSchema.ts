import type Database from 'better-sqlite3';

/**
 * Schema migrations of the application data (events, boards, tokens, audit log), applied in order
 * at start. Tracked in `app_migrations` so they never collide with the doc store's own schema.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     year INTEGER NOT NULL,
     kabupaten_kode TEXT NOT NULL,
     kabupaten_nama TEXT NOT NULL,
     gazetteer_json TEXT NOT NULL,
     taxonomy_json TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     event_id TEXT NOT NULL REFERENCES events(id),
     kind TEXT NOT NULL CHECK (kind IN ('kecamatan', 'merged')),
     kecamatan_kode TEXT,
     title TEXT NOT NULL,
     join_code TEXT NOT NULL UNIQUE,
     locked INTEGER NOT NULL DEFAULT 0,
     phase TEXT NOT NULL DEFAULT 'tulis',
     timer_ends_at INTEGER,
     vote_budget INTEGER NOT NULL DEFAULT 3,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX boards_event ON boards(event_id);
   CREATE TABLE tokens (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('staff', 'moderator', 'participant')),
     name TEXT NOT NULL,
     event_id TEXT,
     board_id TEXT,
     desa_kode TEXT,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     revoked INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     role TEXT NOT NULL,
     action TEXT NOT NULL,
     event_id TEXT,
     board_id TEXT,
     detail_json TEXT NOT NULL DEFAULT '{}'
   );
   CREATE INDEX audit_event ON audit(event_id, at);`,
];

/** Applies the pending migrations in one transaction each. */
export function migrateAppSchema(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS app_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS v FROM app_migrations').get() as {
    v: number | null;
  };
  const current = row.v ?? 0;
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO app_migrations (version, applied_at) VALUES (?, ?)').run(
        version,
        Date.now(),
      );
    })();
  });
}

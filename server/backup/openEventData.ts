import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { migrateAppSchema } from '../events/appSchema';
import type { AuditLog } from '../events/AuditLog';
import type { EventRepository } from '../events/EventRepository';
import { SqliteAuditLog } from '../events/SqliteAuditLog';
import { SqliteEventRepository } from '../events/SqliteEventRepository';
import { DATABASE_FILE_NAME, openDatabase } from '../store/openDatabase';
import { SqliteDocStore } from '../store/SqliteDocStore';
import { restorePointArchive } from '../history/restorePointArchive';
import type { RestorePointArchive } from './writeEventArchive';

/** The server's data as the backup and restore commands use it: one connection for all. */
export interface EventData {
  db: Database.Database;
  events: EventRepository;
  audit: AuditLog;
  store: SqliteDocStore;
  /** The board restore points, carried in archives both ways. */
  restorePoints: RestorePointArchive | null;
  /** True when this open created the database (a fresh machine). */
  created: boolean;
  close(): Promise<void>;
}

/**
 * Opens the SQLite file under `dataDir` beside a running server or alone (WAL lets both read
 * and write; each write waits its turn), migrated. `mustExist` refuses a directory without one.
 */
export function openEventData(dataDir: string, options: { mustExist: boolean }): EventData {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const existed = fs.existsSync(file);
  if (!existed && options.mustExist) throw new Error(`There is no database at ${file}`);
  const db = openDatabase(dataDir);
  migrateAppSchema(db);
  const store = new SqliteDocStore(db);
  return {
    db,
    events: new SqliteEventRepository(db),
    audit: new SqliteAuditLog(db),
    store,
    restorePoints: restorePointArchive(store),
    created: !existed,
    close: async () => {
      await store.close();
      db.close();
    },
  };
}

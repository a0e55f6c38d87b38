import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export const DATABASE_FILE_NAME = 'papan.sqlite';

/**
 * Opens (creating if needed) the server's SQLite file under `dataDir`, in WAL mode, migrated.
 *
 * Durability: with WAL and synchronous=NORMAL a committed transaction is written to the WAL
 * file (the OS page cache) before commit returns, so it survives a crash or `kill -9` of this
 * process; only a power loss or kernel crash can lose the last few transactions, and the file
 * is never corrupted. FULL adds an fsync per commit for hosts where power loss is a concern.
 */
export function openDatabase(
  dataDir: string,
  options: { synchronous?: 'NORMAL' | 'FULL' } = {},
): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE_NAME));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    // After a checkpoint lets the WAL start over, cut the file back to this (64 MiB).
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    // Another process (a backup, an operator's sqlite3 shell) may hold the lock briefly.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

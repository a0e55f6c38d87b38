import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MemoryDocStore } from '../../server/store/MemoryDocStore';
import { DATABASE_FILE_NAME, openDatabase } from '../../server/store/openDatabase';
import { SqliteDocStore } from '../../server/store/SqliteDocStore';
import { makeTempDir } from '../helpers/tempDir';
import { docStoreContract } from './docStoreContract';

let sqliteTemp: ReturnType<typeof makeTempDir> | null = null;

docStoreContract('MemoryDocStore', {
  create: async () => new MemoryDocStore(),
  reopen: null,
  cleanup: async () => {},
});

docStoreContract('SqliteDocStore on a real file', {
  create: async () => {
    sqliteTemp ??= makeTempDir();
    return SqliteDocStore.open(sqliteTemp.dir);
  },
  reopen: async (store) => {
    await store.close();
    if (!sqliteTemp) throw new Error('no temp dir');
    return SqliteDocStore.open(sqliteTemp.dir);
  },
  cleanup: async () => {
    sqliteTemp?.remove();
    sqliteTemp = null;
  },
});

describe('the SQLite file', () => {
  it('is created under DATA_DIR in WAL mode with the current schema version', async () => {
    const temp = makeTempDir();
    try {
      const store = SqliteDocStore.open(path.join(temp.dir, 'nested'));
      await store.close();
      const file = path.join(temp.dir, 'nested', DATABASE_FILE_NAME);
      expect(fs.existsSync(file)).toBe(true);
      const db = new Database(file);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
      db.close();
    } finally {
      temp.remove();
    }
  });

  it('keeps who wrote each log entry next to it', async () => {
    const temp = makeTempDir();
    try {
      const store = SqliteDocStore.open(temp.dir);
      const update = new Uint8Array([0, 0]);
      await store.append('board-1', update, { kind: 'client', actor: 'participant:7' });
      await store.append('board-1', update, { kind: 'server', actor: 'moderator:sari' });
      await store.close();
      const db = new Database(path.join(temp.dir, DATABASE_FILE_NAME));
      expect(db.prepare('SELECT origin, actor FROM doc_updates ORDER BY seq').all()).toEqual([
        { origin: 'client', actor: 'participant:7' },
        { origin: 'server', actor: 'moderator:sari' },
      ]);
      db.close();
    } finally {
      temp.remove();
    }
  });

  it('refuses to open a file written by a newer server', () => {
    const temp = makeTempDir();
    try {
      openDatabase(temp.dir).close();
      const db = new Database(path.join(temp.dir, DATABASE_FILE_NAME));
      db.pragma('user_version = 999');
      db.close();
      expect(() => openDatabase(temp.dir)).toThrow(/newer than this server/);
    } finally {
      temp.remove();
    }
  });
});

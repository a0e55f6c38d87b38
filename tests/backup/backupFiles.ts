import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Complete backups in a directory, oldest first. */
export function backupsIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => /^papan-.*\.sqlite$/.test(n))
    .sort();
}

/** Temporary files of unfinished backups in a directory. */
export function partialsIn(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.endsWith('.partial'));
}

/**
 * What the server's data is, independent of page layout: every row of the document and
 * application tables, hashed; and whether SQLite finds the file sound. Opens read-only.
 */
export function fingerprint(file: string): { integrity: string; rows: number; sha256: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const hash = createHash('sha256');
    let rows = 0;
    for (const sql of [
      'SELECT seq, board_id, data FROM doc_updates ORDER BY seq',
      'SELECT board_id, snapshot, up_to_seq FROM doc_snapshots ORDER BY board_id',
      'SELECT * FROM events ORDER BY id',
      'SELECT * FROM boards ORDER BY id',
      'SELECT * FROM audit ORDER BY id',
    ]) {
      for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
        rows++;
        for (const value of row) {
          hash.update(value instanceof Buffer ? value : String(value));
          hash.update('\u0000');
        }
      }
    }
    return { integrity, rows, sha256: hash.digest('hex') };
  } finally {
    db.close();
  }
}

/** SHA-256 of a file's bytes. */
export function fileHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export const databaseFile = (dataDir: string) => path.join(dataDir, 'papan.sqlite');

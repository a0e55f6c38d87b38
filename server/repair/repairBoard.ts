import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { cutStructs } from '../../shared/board/cutStructs';
import { measureUpdate } from '../../shared/board/measureUpdate';
import { readBoard } from '../../shared/board/readBoard';
import { scanUpdate, type ScannedStruct } from '../../shared/board/scanUpdate';
import type { ReadReport } from '../../shared/board/types';
import { MAX_UPDATE_DEPTH } from '../../shared/limits';

/** What a repair did to one board, printed for the operator. */
export interface RepairReport {
  boardId: string;
  /** Stored pieces read: the snapshot (seq 0 here) and each log entry. */
  pieces: number;
  /** Pieces left out, with why (bytes that are no update, or that Yjs could not apply). */
  skipped: { seq: number; reason: string }[];
  /** Items cut because they sat deeper than MAX_UPDATE_DEPTH (with everything below them). */
  cutItems: number;
  /** Structs still waiting for dependencies that are nowhere in the log (left out). */
  pending: number;
  cards: number;
  clusters: number;
  votes: number;
  read: ReadReport;
  /** Where the original rows were saved before anything was written. */
  backup: string;
}

interface Row {
  seq: number;
  data: Buffer;
}

interface SnapshotRow extends Row {
  up_to_seq: number;
}

/**
 * Rebuilds a board that cannot be loaded from what the SQLite file holds for it: reads the
 * snapshot and every log entry, skips what does not decode or apply, cuts what is nested past
 * MAX_UPDATE_DEPTH (those items become collected ranges with the same clocks, so tablets that
 * still hold them never send them back), and writes the result as the board's new snapshot.
 * The original rows are first saved as JSON under `backupDir`. Run with the server stopped.
 */
export function repairBoard(
  db: Database.Database,
  boardId: string,
  backupDir: string,
  now = new Date(),
): RepairReport {
  const snapshot = db
    .prepare<[string], SnapshotRow>(
      'SELECT 0 AS seq, snapshot AS data, up_to_seq FROM doc_snapshots WHERE board_id = ?',
    )
    .get(boardId);
  const log = db
    .prepare<[string], Row>('SELECT seq, data FROM doc_updates WHERE board_id = ? ORDER BY seq')
    .all(boardId);
  const pieces: Row[] = snapshot ? [snapshot, ...log] : log;
  if (pieces.length === 0) throw new Error(`nothing is stored for board ${boardId}`);

  fs.mkdirSync(backupDir, { recursive: true });
  const backup = path.join(backupDir, `${boardId}-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    backup,
    JSON.stringify({
      boardId,
      savedAt: now.toISOString(),
      rows: pieces.map((p) => ({ seq: p.seq, data: p.data.toString('base64') })),
    }),
  );

  const doc = new Y.Doc();
  const skipped: RepairReport['skipped'] = [];
  let cutItems = 0;
  for (const piece of pieces) {
    const update = new Uint8Array(piece.data);
    try {
      const scanned = scanUpdate(update);
      const byId = new Map(scanned.structs.map((s) => [`${s.client}:${s.clock}`, s]));
      const cut = new Set<ScannedStruct>();
      measureUpdate(doc, update, (struct, depth) => {
        // Only this piece's own items can be cut here; held-back ones were placed before.
        const own = byId.get(`${struct.client}:${struct.clock}`);
        if (depth > MAX_UPDATE_DEPTH && own) cut.add(own);
      });
      cutItems += cut.size;
      Y.applyUpdate(doc, cut.size > 0 ? cutStructs(update, scanned, cut) : update);
    } catch (error) {
      skipped.push({ seq: piece.seq, reason: String(error).slice(0, 200) });
    }
  }
  let pending = 0;
  const held = doc.store.pendingStructs;
  if (held) pending = scanUpdate(Y.convertUpdateFormatV2ToV1(held.update)).structs.length;

  // The rebuilt doc without what is still held back: a fresh encode holds only integrated structs.
  const rebuilt = new Y.Doc();
  Y.applyUpdate(rebuilt, Y.encodeStateAsUpdate(doc));
  const { board, report: read } = readBoard(rebuilt);
  const lastSeq = log.at(-1)?.seq ?? 0;
  const snapshotBytes = Y.encodeStateAsUpdate(rebuilt);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO doc_snapshots (board_id, snapshot, up_to_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET
         snapshot = excluded.snapshot, up_to_seq = excluded.up_to_seq, updated_at = excluded.updated_at`,
    ).run(boardId, snapshotBytes, Math.max(lastSeq, snapshot?.up_to_seq ?? 0), now.getTime());
    db.prepare('DELETE FROM doc_updates WHERE board_id = ? AND seq <= ?').run(boardId, lastSeq);
  })();
  return {
    boardId,
    pieces: pieces.length,
    skipped,
    cutItems,
    pending,
    cards: board.cards.length,
    clusters: board.clusters.length,
    votes: board.votes.length,
    read,
    backup,
  };
}

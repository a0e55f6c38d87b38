import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, initBoard } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import { CLOSE_CODES } from '../../shared/protocol';
import { repairBoard } from '../../server/repair/repairBoard';
import { openDatabase } from '../../server/store/openDatabase';
import { SqliteDocStore } from '../../server/store/SqliteDocStore';
import { nestMaps } from '../helpers/hostileDocs';
import { makeTempDir } from '../helpers/tempDir';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

const BOARD = 'rusak';
const CARDS = 12;
let server: TestServer | null = null;
const clients: TestClient[] = [];
const temps: ReturnType<typeof makeTempDir>[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close({ keepData: true });
  server = null;
  for (const t of temps.splice(0)) t.remove();
});

/** A delete of one item, by hand: no structs, one delete range. */
function deleteOf(client: number, clock: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarUint(encoder, 1);
  return encoding.toUint8Array(encoder);
}

/**
 * A real SQLite file holding a board that cannot be loaded: a snapshot with 12 cards, a nest
 * 5,000 deep in the canvas and the delete of that nest (applying it overflows the stack), then a
 * log entry of garbage bytes and one good card added after.
 */
async function corruptedStore(dir: string): Promise<void> {
  const board = new Y.Doc();
  initBoard(board, { kind: 'kecamatan', title: 'Rusak', kecamatanKode: '63.11.01' });
  for (let i = 0; i < CARDS; i++) {
    addCard(board, {
      text: `kartu ${i}`,
      desaKode: null,
      bidang: null,
      x: i,
      y: 0,
      author: { id: 'u', name: 'U' },
    });
  }
  const hostile = new Y.Doc();
  Y.applyUpdate(hostile, Y.encodeStateAsUpdate(board));
  const before = Y.encodeStateVector(hostile);
  nestMaps(hostile, hostile.getMap('canvas'), 'shape:deep', 5_000);
  const nest = Y.encodeStateAsUpdate(hostile, before);
  const snapshot = Y.mergeUpdates([
    Y.encodeStateAsUpdate(board),
    nest,
    deleteOf(hostile.clientID, Y.getState(board.store, hostile.clientID)),
  ]);
  const late = new Y.Doc();
  Y.applyUpdate(late, Y.encodeStateAsUpdate(board));
  const sv = Y.encodeStateVector(late);
  addCard(late, {
    id: 'late',
    text: 'kartu terakhir',
    desaKode: null,
    bidang: null,
    x: 0,
    y: 0,
    author: { id: 'u', name: 'U' },
  });
  const store = SqliteDocStore.open(dir);
  const origin = { kind: 'client', actor: 'participant:test' } as const;
  const seq = await store.append(BOARD, new Uint8Array([0]), origin);
  await store.close();
  // The store compacts by merging what it holds, so the unloadable snapshot is written by hand,
  // as a disk that kept a bad snapshot would hold it.
  const db = openDatabase(dir);
  db.prepare(
    `INSERT OR REPLACE INTO doc_snapshots (board_id, snapshot, up_to_seq, updated_at)
     VALUES (?, ?, ?, ?)`,
  ).run(BOARD, snapshot, seq, Date.now());
  db.prepare('DELETE FROM doc_updates WHERE board_id = ?').run(BOARD);
  db.close();
  const reopened = SqliteDocStore.open(dir);
  await reopened.append(BOARD, new Uint8Array([0xff, 0x13, 0x37, 0x00, 0x42]), origin);
  await reopened.append(BOARD, Y.encodeStateAsUpdate(late, sv), origin);
  await reopened.close();
}

async function loadAttempt(dir: string): Promise<TestClient> {
  server = await startTestServer({ dataDir: dir });
  const client = connectClient(server.syncUrl, BOARD);
  clients.push(client);
  return client;
}

describe('repairing a board that cannot be loaded', () => {
  it('rebuilds it from the stored log, skipping and cutting what cannot be read, with a report', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    await corruptedStore(temp.dir);

    // Before: the board never loads.
    const broken = await loadAttempt(temp.dir);
    await waitFor(() => broken.closes.some((c) => c.code === CLOSE_CODES.loadFailed), {
      what: 'close 4500',
      timeoutMs: 15_000,
    });
    broken.destroy();
    clients.splice(0);
    await server?.close({ keepData: true });
    server = null;

    const db = openDatabase(temp.dir);
    const report = repairBoard(db, BOARD, path.join(temp.dir, 'repair-backups'));
    db.close();
    expect(report).toMatchObject({ boardId: BOARD, pieces: 3, cards: CARDS + 1, pending: 0 });
    expect(report.skipped.map((s) => s.seq)).toEqual([2]);
    expect(report.cutItems).toBeGreaterThan(0);
    const saved = JSON.parse(fs.readFileSync(report.backup, 'utf8')) as { rows: unknown[] };
    expect(saved.rows).toHaveLength(3);

    // After: it loads, with every card, over a stock client.
    const reader = await loadAttempt(temp.dir);
    await reader.synced();
    const cards = readBoard(reader.doc).board.cards.map((c) => c.text);
    expect(cards).toHaveLength(CARDS + 1);
    expect(cards).toContain('kartu terakhir');
    expect(reader.closes).toEqual([]);
  }, 60_000);

  it('runs as npm run repair -- BOARD_ID against DATA_DIR and prints its report', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    await corruptedStore(temp.dir);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/repair/repairCli.ts', BOARD],
      { env: { ...process.env, DATA_DIR: temp.dir, LOG_LEVEL: 'silent' } },
    );
    expect(stdout).toContain(`Board ${BOARD}: ${CARDS + 1} cards`);
    expect(stdout).toContain('1 stored pieces skipped');
  }, 60_000);
});

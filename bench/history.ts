/**
 * Board history, measured: time to make a restore point of a 2,000-card board and its size, time
 * to restore that board after every card was deleted (a change through a running room), and the
 * storage a busy board's history holds after a day and after three days under the retention rule.
 * Run: npx tsx bench/history.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import * as Y from 'yjs';
import { addCard, initBoard } from '../shared/board/boardModel';
import { loadConfig } from '../server/config';
import { BoardHistory } from '../server/history/BoardHistory';
import { startServer } from '../server/startServer';
import { SqliteDocStore } from '../server/store/SqliteDocStore';
import { serverOrigin } from '../server/sync/writeOrigin';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'papan-bench-history-'));
const logger = pino({ level: 'silent' });
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const config = { everyMinutes: 10, alarmCards: 5, alarmWindowSeconds: 10 };

function fillBoard(doc: Y.Doc, cards: number, from = 0): void {
  for (let i = from; i < from + cards; i++) {
    addCard(doc, {
      id: `c${i}`,
      text: `Kartu nomor ${i}: jalan desa rusak dan jembatan perlu diperbaiki`,
      desaKode: null,
      bidang: 'infrastruktur',
      x: (i % 40) * 260,
      y: Math.floor(i / 40) * 180,
      author: { id: `p${i % 30}`, name: `Peserta ${i % 30}` },
    });
  }
}

async function bigBoard(): Promise<void> {
  const dataDir = path.join(root, 'big');
  const store = SqliteDocStore.open(dataDir);
  const history = new BoardHistory({ store, config, logger });
  const server = await startServer({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    logger,
    store,
    hooks: [history.hooks()],
  });
  try {
    await server.registry.use('big', async (room) => {
      await room.change((doc) => {
        initBoard(doc, { kind: 'kecamatan', title: 'Besar', kecamatanKode: null });
        fillBoard(doc, 2000);
      });
      let t0 = performance.now();
      const point = await history.makePoint('big', 'bench', 'manual');
      console.log(`2,000-card board: restore point made in ${ms(t0)}, ${kib(point.bytes)}`);
      await room.change(
        (doc) => {
          const cards = doc.getMap('cards');
          for (const key of [...cards.keys()]) cards.delete(key);
        },
        serverOrigin('bench', 'wipe'),
      );
      t0 = performance.now();
      await history.restore(room, point.id, 'bench');
      const restored = room.doc.getMap('cards').size;
      console.log(
        `2,000-card board: restored after deleting every card in ${ms(t0)} (${restored} cards back, point before restore included)`,
      );
    });
  } finally {
    await server.close();
    await store.close();
  }
}

/**
 * A busy board: 20 participants add a card a minute for 12 hours a day (120 cards an hour, up to
 * the 2,000-card cap), with a point every 10 minutes, and the retention rule applied after each.
 */
async function busyDays(days: number): Promise<void> {
  const store = SqliteDocStore.open(path.join(root, `busy-${days}`));
  let now = Date.UTC(2026, 10, 1, 8, 0, 0);
  const realNow = Date.now;
  Date.now = () => now;
  try {
    const history = new BoardHistory({ store, config, logger, now: () => now });
    const doc = new Y.Doc();
    initBoard(doc, { kind: 'kecamatan', title: 'Sibuk', kecamatanKode: null });
    let cards = 0;
    let points = 0;
    const t0 = performance.now();
    for (let minute = 0; minute < days * 24 * 60; minute += 10) {
      now = Date.UTC(2026, 10, 1, 8, 0, 0) + minute * 60_000;
      const busy = minute % (24 * 60) < 12 * 60;
      if (!busy) continue;
      const before = Y.encodeStateVector(doc);
      const add = Math.min(20, 2000 - cards);
      fillBoard(doc, add, cards);
      cards += add;
      await store.append('busy', Y.encodeStateAsUpdate(doc, before), {
        kind: 'client',
        actor: 'bench',
      });
      await history.makePoint('busy', 'system', 'periodic');
      points++;
    }
    const kept = await store.listRestorePoints('busy');
    const bytes = kept.reduce((sum, p) => sum + p.bytes, 0);
    const largest = Math.max(...kept.map((p) => p.bytes));
    console.log(
      `busy board, ${days} day(s): ${points} points made (${cards} cards at the end), ${kept.length} kept, ` +
        `${kib(bytes)} of point state, largest point ${kib(largest)}; simulated in ${ms(t0)}`,
    );
  } finally {
    Date.now = realNow;
    await store.close();
  }
}

async function main(): Promise<void> {
  await bigBoard();
  await busyDays(1);
  await busyDays(3);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(root, { recursive: true, force: true }));

/**
 * Backups, measured: the event archive of the demo event and of an event with a 2,000-card
 * board (time to write, size, time to import), and a rolling backup of a large database (time,
 * and the longest stall of the server's event loop meanwhile: the copy runs in a worker).
 * Run: npx tsx bench/backup.ts [ballast MiB, default 100]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import * as Y from 'yjs';
import { addCard, initBoard } from '../shared/board/boardModel';
import { importEventArchive } from '../server/backup/importEventArchive';
import { openEventData, type EventData } from '../server/backup/openEventData';
import { RollingBackup } from '../server/backup/RollingBackup';
import { writeEventArchive } from '../server/backup/writeEventArchive';
import { seedDemo } from '../server/events/seedDemo';
import { DEFAULT_TAXONOMY } from '../shared/taxonomy';
import { loadDefaultGazetteer } from '../server/events/defaultGazetteer';
import type { AppendOrigin } from '../server/store/DocStore';

const BENCH_ORIGIN: AppendOrigin = { kind: 'server', actor: 'bench' };

const ballastMiB = Number(process.argv[2] ?? 100);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'papan-bench-backup-'));
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

async function archiveFigures(label: string, data: EventData, eventId: string): Promise<void> {
  let t0 = performance.now();
  const bytes = await writeEventArchive(data, eventId);
  const write = ms(t0);
  const target = openEventData(fs.mkdtempSync(path.join(root, 'target-')), { mustExist: false });
  t0 = performance.now();
  await importEventArchive(target, bytes);
  const read = ms(t0);
  await target.close();
  console.log(
    `${label}: archive ${(bytes.byteLength / 1024).toFixed(0)} KiB, written in ${write}, imported in ${read}`,
  );
}

async function main(): Promise<void> {
  const data = openEventData(path.join(root, 'data'), { mustExist: false });
  await seedDemo(data.events, data.store);
  await archiveFigures('demo event (8 boards, 120 cards)', data, 'demo');

  const { boards } = await data.events.createEvent({
    title: 'Besar',
    year: 2026,
    gazetteer: loadDefaultGazetteer(),
    taxonomy: DEFAULT_TAXONOMY,
  });
  const board = boards[0];
  if (!board) throw new Error('no board');
  const doc = new Y.Doc();
  initBoard(doc, { kind: 'kecamatan', title: board.title, kecamatanKode: board.kecamatanKode });
  for (let i = 0; i < 2000; i++) {
    addCard(doc, {
      text: `Kartu nomor ${i}: jalan desa rusak dan jembatan perlu diperbaiki`,
      desaKode: null,
      bidang: 'infrastruktur',
      x: (i % 40) * 260,
      y: Math.floor(i / 40) * 180,
      author: { id: `p${i % 30}`, name: `Peserta ${i % 30}` },
    });
  }
  await data.store.append(board.id, Y.encodeStateAsUpdate(doc), BENCH_ORIGIN);
  await archiveFigures('event with a 2,000-card board', data, board.eventId);

  for (let i = 0; i < ballastMiB; i++)
    await data.store.append('ballast', randomBytes(1024 * 1024), BENCH_ORIGIN);
  const file = path.join(root, 'data', 'papan.sqlite');
  const dir = fs.mkdtempSync(path.join(root, 'stick-'));
  const backup = new RollingBackup({
    databaseFile: file,
    dir,
    everyMinutes: 5,
    keep: 3,
    logger: pino({ level: 'silent' }),
  });
  // The same wait without a backup: what the machine's load alone does to the event loop.
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  idle.disable();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  const status = await backup.runOnce();
  const took = ms(t0);
  delay.disable();
  if (status.failing) throw new Error(status.lastError?.message);
  console.log(
    `rolling backup of a ${(fs.statSync(file).size / 1048576).toFixed(0)} MiB database: ${took}; ` +
      `event loop delay meanwhile max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms ` +
      `(3 s idle on this machine: max ${(idle.max / 1e6).toFixed(1)} ms, p99 ${(idle.percentile(99) / 1e6).toFixed(1)} ms)`,
  );
  await data.close();
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(root, { recursive: true, force: true }));

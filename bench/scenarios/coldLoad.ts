import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { boardMaps } from '../../shared/board/boardDoc';
import { initBoard } from '../../shared/board/boardModel';
import type { BenchServer } from '../lib/BenchServer';
import { round, withServer, type ScenarioContext, type ScenarioResult } from '../lib/scenario';
import { addBenchCards, fetchRoomState } from '../lib/seedRoom';

/** Just what the bench needs of server/store/SqliteDocStore, loaded lazily (it may move). */
interface AppendOnlyStore {
  append(
    boardId: string,
    update: Uint8Array,
    origin: { kind: 'server'; actor: string },
  ): Promise<number>;
  close(): Promise<void>;
}

/** A board's history: `cards` cards added one per update, then edits until `total` updates. */
function boardHistory(boardId: string, total: number, cards: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  initBoard(doc, { kind: 'kecamatan', title: boardId, kecamatanKode: null });
  addBenchCards(doc, cards, 1);
  const all = boardMaps(doc).cards;
  let i = 0;
  while (updates.length < total) {
    const card = all.get(`card-${(i * 7919) % cards}`);
    if (card instanceof Y.Map) {
      if (i % 3 === 0) card.set('text', `teks diperbarui ${i}`);
      else card.set(i % 3 === 1 ? 'x' : 'y', (i * 37) % 5000);
    }
    i++;
  }
  doc.destroy();
  return updates.slice(0, total);
}

async function timeFirstSync(server: BenchServer, room: string) {
  const state = await fetchRoomState(server, room, 120_000);
  if (!state) throw new Error('cold load: no sync within 120 s');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state.update);
  const cards = boardMaps(doc).cards.size;
  doc.destroy();
  return { ms: state.ms, cards };
}

/** Scenario 5 (ours only): time to first sync of a board whose log holds 50,000 updates. */
export async function coldLoadScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const total = ctx.quick ? 2000 : 50_000;
  const cards = ctx.quick ? 200 : 2000;
  const notes: string[] = [];
  if (!ctx.servers.includes('ours')) {
    return { scenario: 'coldload', title: '5. Cold load', figures: [], notes: ['ours not run'] };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'papan-bench-cold-'));
  try {
    const [room = ''] = await withServer(
      ctx,
      'ours',
      (server) => server.createRooms(1, `cold-${ctx.clientNo()}`),
      { dataDir },
    );
    const { SqliteDocStore } = (await import('../../server/store/SqliteDocStore')) as {
      SqliteDocStore: { open(dir: string): AppendOnlyStore };
    };
    const history = boardHistory(room, total, cards);
    const store = SqliteDocStore.open(dataDir);
    const writeStarted = performance.now();
    for (const update of history)
      await store.append(room, update, { kind: 'server', actor: 'bench' });
    await store.close();
    ctx.log(
      `cold load: wrote ${history.length} updates straight into the log in ` +
        `${Math.round(performance.now() - writeStarted)} ms`,
    );
    const first = await withServer(
      ctx,
      'ours',
      async (server) => {
        const cold = await timeFirstSync(server, room);
        const warm = await timeFirstSync(server, room);
        return { cold, warm };
      },
      { dataDir },
    );
    // The stop above unloaded the room, which compacts the log into a snapshot.
    const afterCompaction = await withServer(ctx, 'ours', (server) => timeFirstSync(server, room), {
      dataDir,
    });
    ctx.log(
      `cold load: ${round(first.cold.ms)} ms (${first.cold.cards} cards), warm ` +
        `${round(first.warm.ms)} ms, after compaction ${round(afterCompaction.ms)} ms`,
    );
    if (first.cold.cards !== cards) notes.push(`Expected ${cards} cards, got ${first.cold.cards}.`);
    notes.push(
      `A board of ${cards} cards whose history is ${total} updates (${cards} card creations, then ` +
        'edits of text and position), written straight into the SQLite log with SqliteDocStore ' +
        'while the server was stopped; then the server is started and one client connects. ' +
        'The reference servers keep no history (in memory; Hocuspocus stores one snapshot), so ' +
        'this is ours only.',
    );
    return {
      scenario: 'coldload',
      title: `5. Cold load (${total} updates)`,
      figures: [
        {
          name: 'first sync after restart',
          unit: 'ms',
          better: 'lower',
          values: { ours: round(first.cold.ms) },
        },
        {
          name: 'second client (board loaded)',
          unit: 'ms',
          better: 'lower',
          values: { ours: round(first.warm.ms) },
        },
        {
          name: 'first sync after restart, compacted',
          unit: 'ms',
          better: 'lower',
          values: { ours: round(afterCompaction.ms) },
        },
      ],
      notes,
      detail: { total, cards, first, afterCompaction },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

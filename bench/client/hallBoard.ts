import WS from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addCard, createCluster } from '../../shared/board/boardModel';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import type { BenchServer } from '../lib/BenchServer';
import { countCards } from '../lib/seedRoom';

/** A kecamatan board to open on the tablets: its id and the code participants type. */
export interface HallBoard {
  boardId: string;
  joinCode: string;
}

/** Creates an event with one kecamatan board through the API and returns its join code. */
export async function createHallBoard(server: BenchServer, tag: string): Promise<HallBoard> {
  const auth = { Authorization: `Bearer ${server.token}` };
  const kode = '99.90.01';
  const csv = [
    'kode,jenis,nama,kecamatan_kode,kecamatan,kabupaten_kode,kabupaten',
    `${kode},kecamatan,Balai ${tag},${kode},Balai ${tag},99.90,Kab Bench`,
    `${kode}.2001,desa,Desa Satu,${kode},Balai ${tag},99.90,Kab Bench`,
  ].join('\n');
  const created = await fetch(`${server.httpUrl}/api/events`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: `Bench ${tag}`, year: 2026, gazetteerCsv: csv }),
  });
  if (!created.ok) throw new Error(`POST /api/events: ${created.status} ${await created.text()}`);
  const { event } = (await created.json()) as { event: { id: string } };
  const details = await fetch(`${server.httpUrl}/api/events/${event.id}`, { headers: auth });
  if (!details.ok) throw new Error(`GET /api/events/${event.id}: ${details.status}`);
  const { boards } = (await details.json()) as {
    boards: Array<{ id: string; kind: string; joinCode: string }>;
  };
  const board = boards.find((b) => b.kind === 'kecamatan');
  if (!board) throw new Error('the bench event has no kecamatan board');
  return { boardId: board.id, joinCode: board.joinCode };
}

/**
 * Writes `cards` cards and `clusters` cluster frames (a third of the cards inside them) through
 * a stock y-websocket client, as the board e2e does, and waits until the server holds them all.
 */
export async function seedHallBoard(
  server: BenchServer,
  boardId: string,
  cards: number,
  clusters: number,
): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, boardId, doc, {
    WebSocketPolyfill: WS as unknown as typeof WebSocket,
    disableBc: true,
    params: { token: server.token },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('seed client: no sync in 30 s')), 30_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const author = { id: 'bench', name: 'Peserta' };
    const clustered = Math.floor(cards / 3);
    const perCluster = Math.max(1, Math.ceil(clustered / clusters));
    doc.transact(() => {
      const ids = Array.from({ length: clusters }, (_, i) =>
        createCluster(doc, { title: `Isu ${i + 1}`, x: i * 700, y: -900, w: 660, h: 800 }),
      );
      for (let i = 0; i < cards; i++) {
        const inCluster = i < clustered;
        const k = Math.floor(i / perCluster);
        const slot = i % perCluster;
        addCard(doc, {
          text: `Permasalahan nomor ${i + 1}: jalan, air bersih, pupuk, sekolah`,
          desaKode: null,
          bidang: DEFAULT_TAXONOMY[i % 3]?.id ?? null,
          x: inCluster ? k * 700 + 20 + (slot % 2) * 320 : (i % 20) * 260,
          y: inCluster ? -860 + Math.floor(slot / 2) * 150 : Math.floor(i / 20) * 190,
          author,
          clusterId: inCluster ? (ids[k] ?? null) : null,
        });
      }
    });
    const deadline = Date.now() + 30_000;
    while ((await countCards(server, boardId)) < cards) {
      if (Date.now() > deadline) throw new Error(`seeding ${boardId}: cards not stored in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** A participant token for the board, through the join page's own request. */
export async function joinToken(baseUrl: string, joinCode: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: joinCode, name: 'Pengukur' }),
  });
  if (!response.ok) throw new Error(`POST /api/join: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

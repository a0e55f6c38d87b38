import WebSocket from 'ws';
import * as Y from 'yjs';
import { boardMaps } from '../../shared/board/boardDoc';
import { addCard, initBoard } from '../../shared/board/boardModel';
import { nowMs } from './BenchClient';
import type { BenchServer } from './BenchServer';
import {
  decodeIncoming,
  encodeHocuspocusAuth,
  encodeStep1,
  encodeStep2,
  encodeUpdate,
} from './wire';

const BIDANG = ['pendidikan', 'kesehatan', 'ekonomi', 'infrastruktur', 'sosial'];
const WORDS = ['jalan', 'rusak', 'air', 'bersih', 'sekolah', 'posyandu', 'pemuda', 'lapangan'];

/** Card text like a participant's sticky note (40-90 characters). */
function cardText(i: number): string {
  const words: string[] = [];
  for (let k = 0; words.join(' ').length < 40 + (i % 50); k++) {
    words.push(WORDS[(i * 7 + k * 3) % WORDS.length] ?? 'desa');
  }
  return `${words.join(' ')} ${i}`;
}

/** Adds `count` cards to `doc` in transactions of `perUpdate` cards (each one update). */
export function addBenchCards(doc: Y.Doc, count: number, perUpdate = 100, from = 0): void {
  for (let start = from; start < from + count; start += perUpdate) {
    doc.transact(() => {
      for (let i = start; i < Math.min(from + count, start + perUpdate); i++) {
        addCard(doc, {
          id: `card-${i}`,
          text: cardText(i),
          desaKode: null,
          bidang: BIDANG[i % BIDANG.length] ?? null,
          x: (i % 50) * 220,
          y: Math.floor(i / 50) * 160,
          author: { id: `p${i % 20}`, name: `Peserta ${i % 20}` },
        });
      }
    });
  }
}

function openSocket(server: BenchServer, room: string): WebSocket {
  const token = server.token ? `?token=${encodeURIComponent(server.token)}` : '';
  const socket = new WebSocket(`${server.syncUrl(room)}${token}`, { perMessageDeflate: false });
  socket.on('error', () => undefined);
  return socket;
}

/** Connects, syncs an empty state vector and returns the server's full state (or null on timeout). */
export async function fetchRoomState(
  server: BenchServer,
  room: string,
  timeoutMs = 30_000,
): Promise<{ update: Uint8Array; ms: number } | null> {
  const started = nowMs();
  const socket = openSocket(server, room);
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(null);
      });
      socket.on('open', () => {
        if (server.framing === 'hocuspocus') socket.send(encodeHocuspocusAuth(room, 'bench'));
        socket.send(encodeStep1(server.framing, room, Y.encodeStateVector(new Y.Doc())));
      });
      socket.on('message', (data: Buffer) => {
        const message = decodeIncoming(server.framing, new Uint8Array(data));
        if (message.kind === 'step2') {
          clearTimeout(timer);
          resolve({ update: message.update, ms: nowMs() - started });
        }
      });
    });
  } finally {
    socket.close();
  }
}

/** Cards in a room as the server holds it now (-1 when it could not be fetched). */
export async function countCards(server: BenchServer, room: string): Promise<number> {
  const state = await fetchRoomState(server, room);
  if (!state) return -1;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state.update);
  const n = boardMaps(doc).cards.size;
  doc.destroy();
  return n;
}

/**
 * Writes a board of `cards` cards into a room through a client (100 cards per update), waits
 * until a second connection sees them all, and returns the first socket still open: it keeps
 * the room loaded until the caller closes it.
 */
export async function seedRoom(
  server: BenchServer,
  room: string,
  cards: number,
): Promise<WebSocket> {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  initBoard(doc, { kind: 'kecamatan', title: room, kecamatanKode: null });
  addBenchCards(doc, cards);
  const socket = openSocket(server, room);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`seeding ${room}: no sync in 30 s`)), 30_000);
    socket.on('open', () => {
      if (server.framing === 'hocuspocus') socket.send(encodeHocuspocusAuth(room, 'bench'));
      socket.send(encodeStep1(server.framing, room, Y.encodeStateVector(new Y.Doc())));
      for (const update of updates) socket.send(encodeUpdate(server.framing, room, update));
    });
    socket.on('message', (data: Buffer) => {
      const message = decodeIncoming(server.framing, new Uint8Array(data));
      if (message.kind === 'step1') {
        socket.send(
          encodeStep2(server.framing, room, Y.encodeStateAsUpdate(doc, message.stateVector)),
        );
      }
      if (message.kind === 'step2') {
        clearTimeout(timer);
        resolve();
      }
    });
    socket.on('close', (code) => reject(new Error(`seeding ${room}: socket closed ${code}`)));
  });
  doc.destroy();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await countCards(server, room)) >= cards) return socket;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  socket.close();
  throw new Error(`seeding ${room}: the server never showed ${cards} cards`);
}

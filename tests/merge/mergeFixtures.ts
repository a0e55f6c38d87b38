/** Seeded random kecamatan boards for merge tests, written with the real board model. */
import * as Y from 'yjs';
import { addCard, createCluster, initBoard, vote } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import type { SourceBoard } from '../../shared/merge/mergePlan';

/** mulberry32: deterministic, so a failing seed can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TOPICS: readonly { title: string; cards: readonly string[] }[] = [
  {
    title: 'Jalan desa rusak',
    cards: ['jalan poros rusak parah', 'jln desa berlubang kalau hujan', 'jembatan kayu lapuk'],
  },
  {
    title: 'Air bersih sulit',
    cards: ['sumur kering musim kemarau', 'pipa PDAM belum sampai', 'air keruh tidak layak minum'],
  },
  {
    title: 'Sinyal internet lemah',
    cards: ['desa blank spot', 'tidak ada sinyal HP', 'tower BTS belum aktif'],
  },
  {
    title: 'Harga karet murah',
    cards: ['harga getah anjlok', 'tengkulak tentukan harga karet', 'bibit karet susah'],
  },
];

/** A live kecamatan board doc plus its SourceBoard view. */
export interface LiveSource {
  doc: Y.Doc;
  boardId: string;
  kecamatanKode: string;
}

/** Builds a random board: some topics as clusters, some loose cards, some votes. */
export function randomSource(seed: number, index: number): LiveSource {
  const r = rng(seed * 31 + index);
  const doc = new Y.Doc();
  const kecamatanKode = `63.11.0${index + 1}`;
  initBoard(doc, { kind: 'kecamatan', title: `Kecamatan ${index}`, kecamatanKode });
  for (const topic of TOPICS) {
    if (r() < 0.25) continue;
    const clustered = r() < 0.8;
    const k = clustered
      ? createCluster(doc, { title: topic.title, x: 0, y: 0, w: 400, h: 300 })
      : null;
    for (const text of topic.cards) {
      if (r() < 0.2) continue;
      const id = addCard(doc, {
        text,
        desaKode: `${kecamatanKode}.20${String(Math.floor(r() * 10)).padStart(2, '0')}`,
        bidang: 'infrastruktur',
        x: r() * 1000,
        y: r() * 1000,
        author: { id: 'a', name: 'Warga' },
        clusterId: k,
      });
      if (r() < 0.4) vote(doc, id, `v${Math.floor(r() * 3)}`);
    }
    if (k && r() < 0.5) vote(doc, k, 'v9');
  }
  return { doc, boardId: `kec-${index}`, kecamatanKode };
}

/** The SourceBoard view of a live source, as the server would read it. */
export function sourceOf(s: LiveSource): SourceBoard {
  return { boardId: s.boardId, kecamatanKode: s.kecamatanKode, board: readBoard(s.doc).board };
}

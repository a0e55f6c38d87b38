import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { addCard, createCluster, initBoard, vote } from '../../shared/board/boardModel';
import type { CardSource } from '../../shared/board/types';
import type { Gazetteer } from '../../shared/gazetteer/types';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';

/** Shape of a seeded random event. */
export interface RandomEventOptions {
  seed: number;
  boards: number;
  cardsPerBoard: number;
  clustersPerBoard: number;
  /** Voters per board; each spends up to `budget` dots. */
  voters: number;
  budget?: number;
  /** Also build a kabupaten board holding a copy (with source) of every card. */
  merged?: boolean;
}

/** What the generator wrote for one card, kept apart from the code under test. */
export interface ExpectedCard {
  text: string;
  clusterId: string | null;
  clusterTitle: string | null;
  desaKode: string | null;
  votes: number;
  source: CardSource | null;
}

/** One generated board, its doc and the ledger of what went into it. */
export interface RandomBoard {
  boardId: string;
  kind: 'kecamatan' | 'merged';
  doc: Y.Doc;
  cards: Map<string, ExpectedCard>;
  clusterVotes: Map<string, number>;
}

const WORDS = [
  'jalan',
  'jembatan',
  'titian',
  'banyu',
  'sumur',
  'karet',
  'posyandu',
  'sekolah',
  'pasar',
  'sampah',
  'listrik',
  'sinyal',
  'irigasi',
  'handil',
  'pahumaan',
  'jukung',
  'stunting',
  'guru',
  'rusak',
  'belum',
  'tidak',
  'kurang',
  'ada',
  'mahal',
  'jauh',
  'banjir',
  'kering',
  'sepi',
];

const T0 = Date.UTC(2025, 2, 14, 1, 0);

function castVotes(
  gen: prng.PRNG,
  doc: Y.Doc,
  targets: string[],
  opts: RandomEventOptions,
  tally: (target: string) => void,
  prefix: string,
): void {
  for (let v = 0; v < opts.voters; v++) {
    const dots = prng.uint32(gen, 0, opts.budget ?? 3);
    for (let d = 0; d < dots; d++) {
      const target = prng.oneOf(gen, targets);
      if (vote(doc, target, `${prefix}v${v}`, { budget: opts.budget ?? 3 })) tally(target);
    }
  }
}

function addClusters(gen: prng.PRNG, doc: Y.Doc, prefix: string, n: number): Map<string, string> {
  const titles = new Map<string, string>();
  for (let k = 0; k < n; k++) {
    const id = `${prefix}k${k}`;
    // Unique titles, so a CSV row can be traced back to its cluster by title.
    const title = `Isu ${prefix}${k}: ${prng.oneOf(gen, WORDS)} ${prng.oneOf(gen, WORDS)}`;
    createCluster(doc, {
      id,
      title,
      x: 0,
      y: 0,
      w: 400,
      h: 300,
      createdAt: T0 + prng.uint32(gen, 0, 3_600_000),
    });
    titles.set(id, title);
  }
  return titles;
}

function pickCluster(gen: prng.PRNG, ids: string[]): string | null {
  // About one card in six stays unclustered.
  return ids.length === 0 || prng.uint32(gen, 0, 5) === 0 ? null : prng.oneOf(gen, ids);
}

/**
 * A seeded random event as board docs (kecamatan boards over the gazetteer's kecamatan, and
 * optionally a merged board), with the ledger tests check exports against. Desa are sometimes
 * missing or unknown, bidang sometimes missing; texts carry a unique token like [b2c17].
 */
export function buildRandomEvent(gazetteer: Gazetteer, opts: RandomEventOptions): RandomBoard[] {
  const gen = prng.create(opts.seed);
  const boards: RandomBoard[] = [];
  for (let b = 0; b < opts.boards; b++) {
    const kecamatan = gazetteer.kecamatan[b % gazetteer.kecamatan.length];
    if (kecamatan === undefined)
      throw new Error('buildRandomEvent: the gazetteer has no kecamatan');
    const doc = new Y.Doc();
    const prefix = `b${b}`;
    initBoard(doc, { kind: 'kecamatan', title: kecamatan.nama, kecamatanKode: kecamatan.kode });
    const titles = addClusters(gen, doc, prefix, opts.clustersPerBoard);
    const clusterIds = [...titles.keys()];
    const cards = new Map<string, ExpectedCard>();
    for (let i = 0; i < opts.cardsPerBoard; i++) {
      const id = `${prefix}c${i}`;
      const roll = prng.uint32(gen, 0, 99);
      const desaKode =
        roll < 5
          ? null
          : roll < 8
            ? `${kecamatan.kode}.9${String(i % 1000).padStart(3, '0')}`
            : prng.oneOf(gen, kecamatan.desa).kode;
      const bidang =
        prng.uint32(gen, 0, 19) === 0 ? null : prng.oneOf(gen, [...DEFAULT_TAXONOMY]).id;
      const clusterId = pickCluster(gen, clusterIds);
      const text = `${prng.oneOf(gen, WORDS)} ${prng.oneOf(gen, WORDS)} ${prng.oneOf(gen, WORDS)} [${id}]`;
      addCard(doc, {
        id,
        text,
        desaKode,
        bidang,
        x: prng.uint32(gen, 0, 5000),
        y: prng.uint32(gen, 0, 5000),
        clusterId,
        author: { id: `a${prng.uint32(gen, 0, 30)}`, name: `Peserta ${prng.uint32(gen, 1, 30)}` },
        createdAt: T0 + i * 1_000,
      });
      const clusterTitle = clusterId === null ? null : (titles.get(clusterId) ?? null);
      cards.set(id, { text, clusterId, clusterTitle, desaKode, votes: 0, source: null });
    }
    const clusterVotes = new Map(clusterIds.map((id) => [id, 0]));
    castVotes(
      gen,
      doc,
      [...clusterIds, ...cards.keys()],
      opts,
      (target) => {
        const card = cards.get(target);
        if (card) card.votes++;
        else clusterVotes.set(target, (clusterVotes.get(target) ?? 0) + 1);
      },
      prefix,
    );
    boards.push({ boardId: `kec-${b}`, kind: 'kecamatan', doc, cards, clusterVotes });
  }
  if (opts.merged) boards.push(mergedBoard(gen, boards, opts));
  return boards;
}

function mergedBoard(
  gen: prng.PRNG,
  sources: RandomBoard[],
  opts: RandomEventOptions,
): RandomBoard {
  const doc = new Y.Doc();
  initBoard(doc, { kind: 'merged', title: 'Isu Kabupaten', kecamatanKode: null });
  const titles = addClusters(gen, doc, 'm', opts.clustersPerBoard);
  const clusterIds = [...titles.keys()];
  const cards = new Map<string, ExpectedCard>();
  for (const board of sources) {
    const kecamatanKode = board.doc.getMap('meta').get('kecamatanKode');
    if (typeof kecamatanKode !== 'string') throw new Error('mergedBoard: source without kecamatan');
    for (const [cardId, card] of board.cards) {
      const id = `m${cardId}`;
      const clusterId = pickCluster(gen, clusterIds);
      const source = { boardId: board.boardId, cardId, kecamatanKode };
      addCard(doc, {
        id,
        text: card.text,
        desaKode: card.desaKode,
        bidang: null,
        x: 0,
        y: 0,
        clusterId,
        author: { id: 'fasilitator', name: 'Fasilitator' },
        createdAt: T0,
        source,
      });
      const clusterTitle = clusterId === null ? null : (titles.get(clusterId) ?? null);
      cards.set(id, {
        text: card.text,
        clusterId,
        clusterTitle,
        desaKode: card.desaKode,
        votes: 0,
        source,
      });
    }
  }
  const clusterVotes = new Map(clusterIds.map((id) => [id, 0]));
  castVotes(
    gen,
    doc,
    [...clusterIds, ...cards.keys()],
    opts,
    (target) => {
      const card = cards.get(target);
      if (card) card.votes++;
      else clusterVotes.set(target, (clusterVotes.get(target) ?? 0) + 1);
    },
    'm',
  );
  return { boardId: 'kabupaten', kind: 'merged', doc, cards, clusterVotes };
}

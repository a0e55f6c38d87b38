import * as Y from 'yjs';
import { addCard, createCluster, initBoard, vote } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import type { CardSource } from '../../shared/board/types';
import type { IssueMapInput } from '../../shared/issueMap/toIssueMap';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { balanganGazetteer } from './balangan';

/** 14 March 2025, 09:00 WITA (01:00 UTC): the fixture breakouts start here. */
const T0 = Date.UTC(2025, 2, 14, 1, 0);
const minutes = (n: number) => T0 + n * 60_000;

interface FixtureCard {
  id: string;
  text: string;
  desaKode: string | null;
  bidang: string | null;
  cluster: string | null;
  author: string;
  at: number;
  source?: CardSource;
}

function board(
  meta: { kind: 'kecamatan' | 'merged'; title: string; kecamatanKode: string | null },
  clusters: { id: string; title: string; at: number }[],
  cards: FixtureCard[],
  votes: [target: string, voter: string, dots: number][],
): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, meta);
  for (const c of clusters) {
    createCluster(doc, { id: c.id, title: c.title, x: 0, y: 0, w: 400, h: 300, createdAt: c.at });
  }
  for (const c of cards) {
    addCard(doc, {
      id: c.id,
      text: c.text,
      desaKode: c.desaKode,
      bidang: c.bidang,
      x: 10,
      y: 10,
      clusterId: c.cluster,
      author: { id: `u-${c.author.toLowerCase().replace(/\W/g, '')}`, name: c.author },
      createdAt: c.at,
      source: c.source ?? null,
    });
  }
  for (const [target, voter, dots] of votes) {
    for (let i = 0; i < dots; i++) {
      if (!vote(doc, target, voter, { budget: 10 })) throw new Error(`fixture vote ${target}`);
    }
  }
  return doc;
}

/** Juai: a tie on total votes broken by cluster votes; no desa, unknown desa, no bidang. */
function juai(): Y.Doc {
  return board(
    { kind: 'kecamatan', title: 'Juai', kecamatanKode: '63.11.01' },
    [
      {
        id: 'k-juai-jalan',
        title: 'Belum memadainya jalan dan jembatan perdesaan',
        at: minutes(30),
      },
      { id: 'k-juai-air', title: 'Terbatasnya akses air bersih', at: minutes(31) },
      { id: 'k-juai-umkm', title: 'Lemahnya pemasaran produk UMKM', at: minutes(32) },
    ],
    [
      {
        id: 'c-juai-1',
        text: 'Jalan usaha tani (JUT) ke pahumaan rusak parah saat hujan',
        desaKode: '63.11.01.2001',
        bidang: 'infrastruktur',
        cluster: 'k-juai-jalan',
        author: 'Siti Aminah',
        at: minutes(1),
      },
      {
        id: 'c-juai-2',
        text: 'Titian ke sekolah lapuk, anak-anak takut menyeberang',
        desaKode: '63.11.01.2002',
        bidang: 'infrastruktur',
        cluster: 'k-juai-jalan',
        author: 'Rahmadi',
        at: minutes(2),
      },
      {
        id: 'c-juai-3',
        text: 'Sumur warga kering saat kemarau, banyu harus dibeli',
        desaKode: '63.11.01.2003',
        bidang: 'infrastruktur',
        cluster: 'k-juai-air',
        author: 'Hj. Noor',
        at: minutes(3),
      },
      {
        id: 'c-juai-4',
        text: 'Air PDAM belum sampai ke RT 05',
        desaKode: '63.11.01.2999',
        bidang: 'infrastruktur',
        cluster: 'k-juai-air',
        author: 'Rahmadi',
        at: minutes(4),
      },
      {
        id: 'c-juai-5',
        text: 'Posyandu kekurangan air bersih untuk layanan balita',
        desaKode: null,
        bidang: 'pemerintahan-pembangunan-manusia',
        cluster: 'k-juai-air',
        author: 'Bidan Desa',
        at: minutes(5),
      },
      {
        id: 'c-juai-6',
        text: 'Harga karet anjlok, tengkulak menentukan harga',
        desaKode: '63.11.01.2005',
        bidang: 'ekonomi',
        cluster: 'k-juai-umkm',
        author: 'Pak Udin',
        at: minutes(6),
      },
      {
        id: 'c-juai-7',
        text: 'Kerajinan anyaman tidak punya pasar di luar desa',
        desaKode: '63.11.01.2005',
        bidang: null,
        cluster: 'k-juai-umkm',
        author: '',
        at: minutes(7),
      },
      {
        id: 'c-juai-8',
        text: 'Belum ada sinyal internet di balai desa',
        desaKode: '63.11.01.2001',
        bidang: 'infrastruktur',
        cluster: null,
        author: 'Siti Aminah',
        at: minutes(8),
      },
    ],
    [
      // jalan: 2 on the cluster + 2 on cards = 4; air: 1 on the cluster + 3 on cards = 4.
      ['k-juai-jalan', 'v1', 2],
      ['c-juai-1', 'v2', 1],
      ['c-juai-2', 'v3', 1],
      ['k-juai-air', 'v4', 1],
      ['c-juai-3', 'v5', 2],
      ['c-juai-4', 'v6', 1],
      ['c-juai-6', 'v7', 1],
      ['c-juai-8', 'v8', 1],
    ],
  );
}

/** Paringin: equal votes and cluster votes, broken by the number of desa; a card after midnight WITA. */
function paringin(): Y.Doc {
  return board(
    { kind: 'kecamatan', title: 'Paringin', kecamatanKode: '63.11.06' },
    [
      { id: 'k-par-sampah', title: 'Pengelolaan sampah belum tertangani', at: minutes(40) },
      { id: 'k-par-stunting', title: 'Tingginya angka stunting', at: minutes(41) },
    ],
    [
      {
        id: 'c-par-1',
        text: 'Sampah dibuang ke batang banyu',
        desaKode: '63.11.06.2005',
        bidang: 'infrastruktur',
        cluster: 'k-par-sampah',
        author: 'Ahmad',
        at: minutes(10),
      },
      {
        id: 'c-par-2',
        text: 'Tidak ada TPS di pasar desa',
        desaKode: '63.11.06.2005',
        bidang: 'infrastruktur',
        cluster: 'k-par-sampah',
        author: 'Ahmad',
        at: minutes(11),
      },
      {
        id: 'c-par-3',
        text: 'Balita gizi kurang belum terdata',
        desaKode: '63.11.06.2006',
        bidang: 'pemerintahan-pembangunan-manusia',
        cluster: 'k-par-stunting',
        author: 'Kader PKK',
        at: minutes(12),
      },
      {
        id: 'c-par-4',
        text: 'Kelas ibu hamil jarang diadakan',
        desaKode: '63.11.06.2007',
        bidang: 'pemerintahan-pembangunan-manusia',
        cluster: 'k-par-stunting',
        author: 'Kader PKK',
        at: minutes(13),
      },
      {
        id: 'c-par-5',
        text: 'Jalan lingkungan Paringin Kota berlubang',
        desaKode: '63.11.06.1023',
        bidang: 'infrastruktur',
        cluster: null,
        author: 'Lurah',
        at: minutes(15 * 60 + 30),
      },
    ],
    [
      ['k-par-sampah', 'w1', 2],
      ['k-par-stunting', 'w2', 2],
    ],
  );
}

/** The kabupaten board: copies with their source, one issue raised in two kecamatan. */
function kabupaten(): Y.Doc {
  const src = (boardId: string, cardId: string, kecamatanKode: string): CardSource => ({
    boardId,
    cardId,
    kecamatanKode,
  });
  return board(
    { kind: 'merged', title: 'Isu Kabupaten Balangan', kecamatanKode: null },
    [
      { id: 'k-kab-infra', title: 'Infrastruktur dasar perdesaan belum memadai', at: minutes(120) },
      { id: 'k-kab-kesehatan', title: 'Layanan kesehatan ibu dan anak', at: minutes(121) },
    ],
    [
      {
        id: 'm-juai-1',
        text: 'Jalan usaha tani (JUT) ke pahumaan rusak parah saat hujan',
        desaKode: '63.11.01.2001',
        bidang: 'infrastruktur',
        cluster: 'k-kab-infra',
        author: 'Siti Aminah',
        at: minutes(1),
        source: src('juai', 'c-juai-1', '63.11.01'),
      },
      {
        id: 'm-juai-2',
        text: 'Titian ke sekolah lapuk, anak-anak takut menyeberang',
        desaKode: '63.11.01.2002',
        bidang: 'infrastruktur',
        cluster: 'k-kab-infra',
        author: 'Rahmadi',
        at: minutes(2),
        source: src('juai', 'c-juai-2', '63.11.01'),
      },
      {
        id: 'm-juai-4',
        text: 'Air PDAM belum sampai ke RT 05',
        desaKode: '63.11.01.2999',
        bidang: 'infrastruktur',
        cluster: 'k-kab-infra',
        author: 'Rahmadi',
        at: minutes(4),
        source: src('juai', 'c-juai-4', '63.11.01'),
      },
      {
        id: 'm-par-5',
        text: 'Jalan lingkungan Paringin Kota berlubang',
        desaKode: '63.11.06.1023',
        bidang: 'infrastruktur',
        cluster: 'k-kab-infra',
        author: 'Lurah',
        at: minutes(15 * 60 + 30),
        source: src('paringin', 'c-par-5', '63.11.06'),
      },
      {
        id: 'm-juai-5',
        text: 'Posyandu kekurangan air bersih untuk layanan balita',
        desaKode: null,
        bidang: 'pemerintahan-pembangunan-manusia',
        cluster: 'k-kab-kesehatan',
        author: 'Bidan Desa',
        at: minutes(5),
        source: src('juai', 'c-juai-5', '63.11.01'),
      },
      {
        id: 'm-par-3',
        text: 'Balita gizi kurang belum terdata',
        desaKode: '63.11.06.2006',
        bidang: 'pemerintahan-pembangunan-manusia',
        cluster: 'k-kab-kesehatan',
        author: 'Kader PKK',
        at: minutes(12),
        source: src('paringin', 'c-par-3', '63.11.06'),
      },
      {
        id: 'm-par-1',
        text: 'Sampah dibuang ke batang banyu',
        desaKode: '63.11.06.2005',
        bidang: 'infrastruktur',
        cluster: null,
        author: 'Ahmad',
        at: minutes(10),
        source: src('paringin', 'c-par-1', '63.11.06'),
      },
    ],
    [
      ['k-kab-infra', 'x1', 3],
      ['k-kab-kesehatan', 'x2', 4],
    ],
  );
}

/** The fixture event as board docs, in a scrambled order (toIssueMap sorts them). */
export function fixtureDocs(): { boardId: string; doc: Y.Doc }[] {
  return [
    { boardId: 'kabupaten', doc: kabupaten() },
    { boardId: 'paringin', doc: paringin() },
    { boardId: 'juai', doc: juai() },
  ];
}

/** Fixed time the fixture map is generated at: 14 March 2025, 17:45 WITA. */
export const FIXTURE_GENERATED_AT = new Date(Date.UTC(2025, 2, 14, 9, 45));

/** The fixture event read from its docs, ready for toIssueMap. */
export function fixtureInput(): IssueMapInput {
  return {
    event: {
      id: 'rembuk-remas-2025',
      title: 'Rembuk Remas 2025',
      year: 2025,
      kabupaten: 'Kabupaten Balangan',
    },
    boards: fixtureDocs().map(({ boardId, doc }) => ({ boardId, board: readBoard(doc).board })),
    gazetteer: balanganGazetteer(),
    taxonomy: DEFAULT_TAXONOMY,
    generatedAt: FIXTURE_GENERATED_AT,
  };
}

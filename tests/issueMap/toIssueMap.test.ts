import { describe, expect, it } from 'vitest';
import type { Board, Card } from '../../shared/board/types';
import { toIssueMap, type IssueMapInput } from '../../shared/issueMap/toIssueMap';
import type { IssueMap, Problem } from '../../shared/issueMap/types';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { balanganGazetteer } from './balangan';
import { FIXTURE_GENERATED_AT, fixtureInput } from './fixtureEvent';

function boardOf(map: IssueMap, boardId: string) {
  const board = map.boards.find((b) => b.boardId === boardId);
  if (!board) throw new Error(`no board ${boardId}`);
  return board;
}

function allProblems(map: IssueMap, boardId: string): Problem[] {
  const board = boardOf(map, boardId);
  return [...board.issues.flatMap((i) => i.problems), ...board.unclustered];
}

function card(id: string, patch: Partial<Card> = {}): Card {
  return {
    id,
    text: `kartu ${id}`,
    desaKode: null,
    bidang: null,
    x: 0,
    y: 0,
    clusterId: null,
    author: { id: 'u', name: 'U' },
    createdAt: 1_700_000_000_000,
    source: null,
    ...patch,
  };
}

function handBoard(parts: Partial<Board>): Board {
  return {
    meta: { schemaVersion: 1, kind: 'kecamatan', title: 'Halong', kecamatanKode: '63.11.02' },
    cards: [],
    clusters: [],
    votes: [],
    canvas: new Map(),
    ...parts,
  };
}

function handInput(boards: IssueMapInput['boards']): IssueMapInput {
  return {
    event: { id: 'e', title: 'E', year: 2025, kabupaten: 'Kabupaten Balangan' },
    boards,
    gazetteer: balanganGazetteer(),
    taxonomy: DEFAULT_TAXONOMY,
    generatedAt: FIXTURE_GENERATED_AT,
  };
}

describe('toIssueMap on the fixture event', () => {
  const map = toIssueMap(fixtureInput());

  it('is version 1 and carries the event, the kabupaten code and the generation time', () => {
    expect(map.version).toBe(1);
    expect(map.generatedAt).toBe('2025-03-14T09:45:00.000Z');
    expect(map.event).toEqual({
      id: 'rembuk-remas-2025',
      title: 'Rembuk Remas 2025',
      year: 2025,
      kabupaten: { kode: '63.11', nama: 'Kabupaten Balangan' },
    });
  });

  it('orders kecamatan boards by kecamatan code and puts merged boards last', () => {
    expect(map.boards.map((b) => b.boardId)).toEqual(['juai', 'paringin', 'kabupaten']);
    expect(boardOf(map, 'juai').kecamatan).toEqual({ kode: '63.11.01', nama: 'Juai' });
    expect(boardOf(map, 'kabupaten').kecamatan).toBeNull();
  });

  it('breaks a tie on total votes by the votes on the cluster itself', () => {
    const issues = boardOf(map, 'juai').issues;
    expect(issues.map((i) => [i.rank, i.clusterId, i.votes])).toEqual([
      [1, 'k-juai-jalan', { total: 4, cluster: 2, cards: 2 }],
      [2, 'k-juai-air', { total: 4, cluster: 1, cards: 3 }],
      [3, 'k-juai-umkm', { total: 1, cluster: 0, cards: 1 }],
    ]);
  });

  it('breaks a tie on total and cluster votes by the number of desa that raised the issue', () => {
    const issues = boardOf(map, 'paringin').issues;
    expect(issues.map((i) => [i.clusterId, i.desaCount])).toEqual([
      ['k-par-stunting', 2],
      ['k-par-sampah', 1],
    ]);
  });

  it('lists problems by votes, then by time', () => {
    const air = boardOf(map, 'juai').issues[1];
    expect(air?.problems.map((p) => [p.cardId, p.votes])).toEqual([
      ['c-juai-3', 2],
      ['c-juai-4', 1],
      ['c-juai-5', 0],
    ]);
  });

  it('gives each problem its desa, kecamatan, bidang, votes, author and ISO time', () => {
    const p = allProblems(map, 'juai').find((x) => x.cardId === 'c-juai-1');
    expect(p).toEqual({
      cardId: 'c-juai-1',
      text: 'Jalan usaha tani (JUT) ke pahumaan rusak parah saat hujan',
      desa: { kode: '63.11.01.2001', nama: 'Muara Ninian' },
      kecamatan: { kode: '63.11.01', nama: 'Juai' },
      bidang: { id: 'infrastruktur', nama: 'Infrastruktur dan Kewilayahan' },
      votes: 1,
      authorName: 'Siti Aminah',
      createdAt: '2025-03-14T01:01:00.000Z',
      source: null,
    });
  });

  it('keeps an unknown desa code with a null name, and a missing desa as nulls', () => {
    const problems = allProblems(map, 'juai');
    expect(problems.find((p) => p.cardId === 'c-juai-4')?.desa).toEqual({
      kode: '63.11.01.2999',
      nama: null,
    });
    expect(problems.find((p) => p.cardId === 'c-juai-5')?.desa).toEqual({ kode: null, nama: null });
    expect(problems.find((p) => p.cardId === 'c-juai-7')).toMatchObject({
      bidang: null,
      authorName: null,
    });
  });

  it('lists unclustered cards instead of dropping them', () => {
    expect(boardOf(map, 'juai').unclustered.map((p) => p.cardId)).toEqual(['c-juai-8']);
    expect(boardOf(map, 'kabupaten').unclustered.map((p) => p.cardId)).toEqual(['m-par-1']);
  });

  it('holds every card of every board exactly once', () => {
    for (const [boardId, n] of [
      ['juai', 8],
      ['paringin', 5],
      ['kabupaten', 7],
    ] as const) {
      const ids = allProblems(map, boardId).map((p) => p.cardId);
      expect(ids).toHaveLength(n);
      expect(new Set(ids).size).toBe(n);
    }
  });

  it('picks the dominant bidang by card count and ignores cards without a bidang', () => {
    const juai = boardOf(map, 'juai').issues;
    expect(juai.map((i) => i.dominantBidang?.id)).toEqual([
      'infrastruktur',
      'infrastruktur',
      'ekonomi',
    ]);
  });

  it('shows every source kecamatan and desa of a kabupaten issue with their counts', () => {
    const infra = boardOf(map, 'kabupaten').issues.find((i) => i.clusterId === 'k-kab-infra');
    expect(infra?.provenance).toEqual({
      desaCount: 4,
      kecamatanCount: 2,
      label: 'disebut oleh 4 desa di 2 kecamatan',
      kecamatan: [
        {
          kecamatan: { kode: '63.11.01', nama: 'Juai' },
          cards: 3,
          desa: [
            { desa: { kode: '63.11.01.2001', nama: 'Muara Ninian' }, cards: 1 },
            { desa: { kode: '63.11.01.2002', nama: 'Hamarung' }, cards: 1 },
            { desa: { kode: '63.11.01.2999', nama: null }, cards: 1 },
          ],
        },
        {
          kecamatan: { kode: '63.11.06', nama: 'Paringin' },
          cards: 1,
          desa: [{ desa: { kode: '63.11.06.1023', nama: 'Paringin Kota' }, cards: 1 }],
        },
      ],
    });
    expect(infra?.problems[0]?.source).toEqual({
      boardId: 'juai',
      cardId: 'c-juai-1',
      kecamatan: { kode: '63.11.01', nama: 'Juai' },
    });
  });

  it('counts event totals over kecamatan boards only, since the merged board repeats their cards', () => {
    expect(map.summary).toMatchObject({
      boards: 3,
      kecamatanBoards: 2,
      mergedBoards: 1,
      cards: 13,
      issues: 5,
      unclusteredCards: 2,
      votes: 14,
      desaReached: 9,
      kecamatanReached: 2,
      kabupatenIssues: 2,
    });
    expect(map.summary.byBidang.map((b) => [b.bidang?.id ?? null, b.cards, b.issues])).toEqual([
      ['ekonomi', 1, 1],
      ['infrastruktur', 8, 3],
      ['pemerintahan-pembangunan-manusia', 3, 1],
      [null, 1, 0],
    ]);
  });

  it('gives the same map for the same input', () => {
    expect(toIssueMap(fixtureInput())).toEqual(map);
  });
});

describe('toIssueMap on hand-built boards', () => {
  it('lists a card whose cluster is not on the board as unclustered', () => {
    const board = handBoard({ cards: [card('a', { clusterId: 'gone' })] });
    const map = toIssueMap(handInput([{ boardId: 'halong', board }]));
    expect(map.boards[0]?.unclustered.map((p) => p.cardId)).toEqual(['a']);
  });

  it('treats a bidang outside the taxonomy as none and a zero time as unknown', () => {
    const board = handBoard({ cards: [card('a', { bidang: 'olahraga', createdAt: 0 })] });
    const p = toIssueMap(handInput([{ boardId: 'halong', board }])).boards[0]?.unclustered[0];
    expect(p).toMatchObject({ bidang: null, createdAt: null });
  });

  it('falls back to the earlier cluster, then the title, when every count ties', () => {
    const clusters = [
      { id: 'k2', title: 'b', x: 0, y: 0, w: 100, h: 100, createdAt: 5 },
      { id: 'k1', title: 'a', x: 0, y: 0, w: 100, h: 100, createdAt: 9 },
      { id: 'k3', title: 'a', x: 0, y: 0, w: 100, h: 100, createdAt: 5 },
    ];
    const map = toIssueMap(handInput([{ boardId: 'halong', board: handBoard({ clusters }) }]));
    expect(map.boards[0]?.issues.map((i) => i.clusterId)).toEqual(['k3', 'k2', 'k1']);
  });

  it('breaks a dominant-bidang tie by votes, then by taxonomy order', () => {
    const cards = [
      card('a', { clusterId: 'k', bidang: 'ekonomi' }),
      card('b', { clusterId: 'k', bidang: 'infrastruktur' }),
      card('c', { clusterId: 'j', bidang: 'infrastruktur' }),
      card('d', { clusterId: 'j', bidang: 'ekonomi' }),
    ];
    const clusters = ['k', 'j'].map((id) => ({
      id,
      title: id,
      x: 0,
      y: 0,
      w: 100,
      h: 100,
      createdAt: 1,
    }));
    const votes = [{ targetId: 'b', voterId: 'v', count: 1 }];
    const map = toIssueMap(
      handInput([{ boardId: 'halong', board: handBoard({ cards, clusters, votes }) }]),
    );
    const byId = new Map(map.boards[0]?.issues.map((i) => [i.clusterId, i.dominantBidang?.id]));
    expect(byId.get('k')).toBe('infrastruktur');
    expect(byId.get('j')).toBe('ekonomi');
  });

  it('derives the kecamatan of a merged card that lost its source from its desa code', () => {
    const board = handBoard({
      meta: { schemaVersion: 1, kind: 'merged', title: 'Kab', kecamatanKode: null },
      cards: [card('a', { desaKode: '63.11.06.2005' })],
    });
    const p = toIssueMap(handInput([{ boardId: 'kab', board }])).boards[0]?.unclustered[0];
    expect(p?.kecamatan).toEqual({ kode: '63.11.06', nama: 'Paringin' });
    expect(p?.source).toBeNull();
  });

  it('refuses repeated board ids, a fractional year and an invalid date', () => {
    const board = handBoard({});
    expect(() =>
      toIssueMap(
        handInput([
          { boardId: 'a', board },
          { boardId: 'a', board },
        ]),
      ),
    ).toThrow(/repeated/);
    expect(() =>
      toIssueMap({
        ...handInput([]),
        event: { id: 'e', title: 'E', year: 2025.5, kabupaten: 'K' },
      }),
    ).toThrow(/year/);
    expect(() => toIssueMap({ ...handInput([]), generatedAt: new Date(NaN) })).toThrow(
      /generatedAt/,
    );
  });

  it('gives an event with no boards an empty map with zero totals', () => {
    const map = toIssueMap(handInput([]));
    expect(map.boards).toEqual([]);
    expect(map.summary.cards).toBe(0);
  });
});

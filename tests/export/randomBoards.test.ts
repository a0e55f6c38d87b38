import { describe, expect, it } from 'vitest';
import { readBoard } from '../../shared/board/readBoard';
import { escapeHtml } from '../../shared/export/escapeHtml';
import { escapeMarkdown } from '../../shared/export/escapeMarkdown';
import { toCsv } from '../../shared/export/toCsv';
import { toHtmlReport } from '../../shared/export/toHtmlReport';
import { toJson } from '../../shared/export/toJson';
import { toMarkdown } from '../../shared/export/toMarkdown';
import { bidangTable } from '../../shared/export/summaryTable';
import { toXlsx } from '../../shared/export/toXlsx';
import { toIssueMap } from '../../shared/issueMap/toIssueMap';
import type { IssueMap } from '../../shared/issueMap/types';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { balanganGazetteer } from '../issueMap/balangan';
import { FIXTURE_GENERATED_AT } from '../issueMap/fixtureEvent';
import { buildRandomEvent, type RandomBoard } from '../issueMap/randomEvent';
import { readCsv } from './readCsv';
import { readXlsx } from './readXlsx';

const gazetteer = balanganGazetteer();
const desaNames = new Map(
  gazetteer.kecamatan.flatMap((k) => k.desa.map((d) => [d.kode, d.nama] as const)),
);

function eventOf(seed: number): { boards: RandomBoard[]; map: IssueMap } {
  const boards = buildRandomEvent(gazetteer, {
    seed,
    boards: 4,
    cardsPerBoard: 60 + seed * 7,
    clustersPerBoard: 3 + seed,
    voters: 25,
    budget: 4,
    merged: true,
  });
  const map = toIssueMap({
    event: { id: `acak-${seed}`, title: 'Acak', year: 2025, kabupaten: 'Kabupaten Balangan' },
    boards: boards.map((b) => ({ boardId: b.boardId, board: readBoard(b.doc).board })),
    gazetteer,
    taxonomy: DEFAULT_TAXONOMY,
    generatedAt: FIXTURE_GENERATED_AT,
  });
  return { boards, map };
}

/** The unique token the generator puts at the end of every card text, e.g. "b2c17". */
const tokenOf = (text: string) => /\[(\w+)\]$/.exec(text)?.[1] ?? '';

describe.each([1, 2, 3, 4, 5])('a random event (seed %i)', (seed) => {
  const { boards, map } = eventOf(seed);

  it('holds every card exactly once, with the cluster, desa and votes it was given', () => {
    for (const generated of boards) {
      const board = map.boards.find((b) => b.boardId === generated.boardId);
      if (!board) throw new Error(`board ${generated.boardId} missing`);
      const seen = new Map<
        string,
        { clusterId: string | null; problem: (typeof board.unclustered)[number] }
      >();
      const note = (clusterId: string | null, problem: (typeof board.unclustered)[number]) => {
        expect(seen.has(problem.cardId), `${problem.cardId} listed twice`).toBe(false);
        seen.set(problem.cardId, { clusterId, problem });
      };
      for (const issue of board.issues) for (const p of issue.problems) note(issue.clusterId, p);
      for (const p of board.unclustered) note(null, p);
      expect(seen.size).toBe(generated.cards.size);
      for (const [cardId, expected] of generated.cards) {
        const got = seen.get(cardId);
        expect(got?.clusterId, cardId).toBe(expected.clusterId);
        expect(got?.problem.desa, cardId).toEqual({
          kode: expected.desaKode,
          nama: expected.desaKode === null ? null : (desaNames.get(expected.desaKode) ?? null),
        });
        expect(got?.problem.votes, cardId).toBe(expected.votes);
        expect(got?.problem.source?.cardId ?? null).toBe(expected.source?.cardId ?? null);
      }
      for (const issue of board.issues) {
        expect(issue.votes.cluster).toBe(generated.clusterVotes.get(issue.clusterId));
      }
    }
  });

  it('traces every kabupaten issue back to the kecamatan and desa of its source cards', () => {
    const merged = boards.find((b) => b.kind === 'merged');
    const board = map.boards.find((b) => b.kind === 'merged');
    if (!merged || !board) throw new Error('no merged board');
    for (const issue of board.issues) {
      const expected = new Map<string, number>();
      for (const p of issue.problems) {
        const source = merged.cards.get(p.cardId)?.source;
        const key = `${source?.kecamatanKode}|${p.desa.kode}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const got = new Map<string, number>();
      for (const k of issue.provenance?.kecamatan ?? []) {
        expect(k.cards).toBe(k.desa.reduce((n, d) => n + d.cards, 0));
        for (const d of k.desa) got.set(`${k.kecamatan?.kode}|${d.desa.kode}`, d.cards);
      }
      expect(got).toEqual(expected);
      const kecamatan = new Set([...expected.keys()].map((key) => key.split('|')[0]));
      const desa = new Set(
        issue.problems.flatMap((p) => (p.desa.kode === null ? [] : [p.desa.kode])),
      );
      expect(issue.provenance?.label).toBe(
        `disebut oleh ${desa.size} desa di ${kecamatan.size} kecamatan`,
      );
    }
  });

  it('ranks issues by total votes, numbered from 1', () => {
    for (const board of map.boards) {
      const totals = board.issues.map((i) => i.votes.total);
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      expect(board.issues.map((i) => i.rank)).toEqual(board.issues.map((_, i) => i + 1));
    }
  });

  it('writes one CSV row per card of every board, with its issue, desa code and votes', () => {
    const rows = readCsv(toCsv(map));
    const header = rows[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    const byBoard = new Map(
      boards.map((b) => [b.kind === 'merged' ? 'Kabupaten' : 'Kecamatan', b]),
    );
    expect(rows.length - 1).toBe(boards.reduce((n, b) => n + b.cards.size, 0));
    const seen = new Set<string>();
    for (const row of rows.slice(1)) {
      const text = row[col('Permasalahan')] ?? '';
      const tingkat = row[col('Tingkat')] ?? '';
      // Merged copies carry the token of the card they came from, prefixed with "m".
      const id = tingkat === 'Kabupaten' ? `m${tokenOf(text)}` : tokenOf(text);
      const generated =
        tingkat === 'Kabupaten' ? byBoard.get('Kabupaten') : boards.find((b) => b.cards.has(id));
      const expected = generated?.cards.get(id);
      expect(expected, `row for ${id}`).toBeDefined();
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      expect(row[col('Isu Strategis')]).toBe(expected?.clusterTitle ?? '');
      expect(row[col('Kode Wilayah')]).toBe(expected?.desaKode ?? '');
      expect(row[col('Suara')]).toBe(String(expected?.votes));
    }
  });

  it('gives JSON that reads back as the same map', () => {
    expect(JSON.parse(toJson(map))).toEqual(map);
  });

  it('prints every card once per board in Markdown and HTML', () => {
    const markdown = toMarkdown(map);
    const html = toHtmlReport(map);
    for (const board of boards.filter((b) => b.kind === 'kecamatan')) {
      for (const card of board.cards.values()) {
        // Once on its kecamatan board, once more as the merged board's copy.
        expect(markdown.split(escapeMarkdown(card.text)).length - 1).toBe(2);
        expect(html.split(`>${escapeHtml(card.text)}<`).length - 1).toBe(2);
      }
    }
  });

  it('counts every vote for exactly one bidang: the rows add up to each board and the event', () => {
    const clusterVotes = boards.reduce(
      (sum, b) => sum + [...b.clusterVotes.values()].reduce((a, n) => a + n, 0),
      0,
    );
    // Regression: dots on issues used to count for no bidang at all.
    expect(clusterVotes).toBeGreaterThan(0);
    const votesOf = (rows: readonly { votes: number }[]) => rows.reduce((a, r) => a + r.votes, 0);
    for (const board of map.boards)
      expect(votesOf(board.summary.byBidang)).toBe(board.summary.votes);
    expect(votesOf(map.summary.byBidang)).toBe(map.summary.votes);
    const total = bidangTable(map).rows.at(-1);
    expect(total?.[0]).toBe('Jumlah');
    expect(total?.[3]).toBe(map.summary.votes);
    expect(total?.[1]).toBe(map.summary.cards);
    expect(total?.[2]).toBe(map.summary.issues);
  });
});

describe('a random event in XLSX', () => {
  it('has the Permasalahan rows of the CSV and one Isu Strategis row per issue', async () => {
    const { map } = eventOf(3);
    const sheets = await readXlsx(await toXlsx(map));
    const csv = readCsv(toCsv(map));
    // XLSX does not store trailing empty cells; compare rows without them.
    const trim = (row: string[]) => {
      const cells = [...row];
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      return cells;
    };
    const xlsx = (sheets.Permasalahan ?? []).map((r) => r.map(String));
    expect(xlsx).toEqual(csv.map(trim));
    const issues = map.boards.reduce((n, b) => n + b.issues.length, 0);
    expect((sheets['Isu Strategis'] ?? []).length - 1).toBe(issues);
  });
});

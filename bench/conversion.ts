/**
 * Conversion benchmark (issue 5): readBoard + toIssueMap and every export for an event of
 * 8 kecamatan boards x 1,250 cards (seeded: clusters, unclustered cards, votes), as Y.Docs.
 * `npx tsx bench/conversion.ts [--quick]`, or through `npm run bench` (scenario "conversion").
 * A measurement, never a test: nothing here fails on speed.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { readBoard } from '../shared/board/readBoard';
import { toCsv } from '../shared/export/toCsv';
import { toHtmlReport } from '../shared/export/toHtmlReport';
import { toJson } from '../shared/export/toJson';
import { toMarkdown } from '../shared/export/toMarkdown';
import { toXlsx } from '../shared/export/toXlsx';
import { toIssueMap } from '../shared/issueMap/toIssueMap';
import type { IssueMap } from '../shared/issueMap/types';
import { DEFAULT_TAXONOMY } from '../shared/taxonomy';
import { balanganGazetteer } from '../tests/issueMap/balangan';
import { buildRandomEvent } from '../tests/issueMap/randomEvent';

const BOARDS = 8;
const CARDS_PER_BOARD = 1_250;
const CLUSTERS_PER_BOARD = 40;
const VOTERS_PER_BOARD = 60;
const SEED = 2025;

/** One timed step: its median and spread over the runs, and the size of what it produced. */
export interface ConversionStep {
  step: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  bytes: number | null;
}

/** What runConversionBench measured. */
export interface ConversionBenchResult {
  boards: number;
  cardsPerBoard: number;
  cards: number;
  issues: number;
  runs: number;
  steps: ConversionStep[];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function timed<T>(
  runs: number,
  body: () => T | Promise<T>,
): Promise<{ times: number[]; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await body();
    times.push(performance.now() - start);
  }
  if (last === undefined) throw new Error('timed: no run');
  return { times, last };
}

function step(name: string, times: number[], bytes: number | null): ConversionStep {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return {
    step: name,
    medianMs: round(median),
    minMs: round(sorted[0] ?? NaN),
    maxMs: round(sorted.at(-1) ?? NaN),
    bytes,
  };
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * Builds the seeded event and times each stage (median of several runs after a warm-up; one
 * run in quick mode), prints a table and returns the figures.
 */
export async function runConversionBench({
  quick,
}: {
  quick: boolean;
}): Promise<ConversionBenchResult> {
  const runs = quick ? 1 : 7;
  const gazetteer = balanganGazetteer();
  const generated = buildRandomEvent(gazetteer, {
    seed: SEED,
    boards: BOARDS,
    cardsPerBoard: CARDS_PER_BOARD,
    clustersPerBoard: CLUSTERS_PER_BOARD,
    voters: VOTERS_PER_BOARD,
  });
  const readAll = () =>
    generated.map((g) => ({ boardId: g.boardId, board: readBoard(g.doc).board }));
  const convert = (boards: ReturnType<typeof readAll>): IssueMap =>
    toIssueMap({
      event: {
        id: 'bench',
        title: 'Rembuk Remas (bench)',
        year: 2025,
        kabupaten: 'Kabupaten Balangan',
      },
      boards,
      gazetteer,
      taxonomy: DEFAULT_TAXONOMY,
      generatedAt: new Date(Date.UTC(2025, 2, 14, 9, 0)),
    });
  if (!quick) {
    // Warm-up: let the JIT see every path once before timing.
    const map = convert(readAll());
    toJson(map);
    toCsv(map);
    toMarkdown(map);
    toHtmlReport(map);
    await toXlsx(map);
  }
  const read = await timed(runs, readAll);
  const mapped = await timed(runs, () => convert(read.last));
  const map = mapped.last;
  const steps = [
    step(`readBoard x ${BOARDS}`, read.times, null),
    step('toIssueMap', mapped.times, null),
  ];
  const textExports: [string, (m: IssueMap) => string][] = [
    ['toJson', toJson],
    ['toCsv', toCsv],
    ['toMarkdown', toMarkdown],
    ['toHtmlReport', toHtmlReport],
  ];
  for (const [name, exporter] of textExports) {
    const result = await timed(runs, () => exporter(map));
    steps.push(step(name, result.times, utf8Bytes(result.last)));
  }
  const xlsx = await timed(runs, () => toXlsx(map));
  steps.push(step('toXlsx', xlsx.times, xlsx.last.byteLength));
  const result: ConversionBenchResult = {
    boards: BOARDS,
    cardsPerBoard: CARDS_PER_BOARD,
    cards: map.summary.cards,
    issues: map.summary.issues,
    runs,
    steps,
  };
  printTable(result);
  return result;
}

function printTable(result: ConversionBenchResult): void {
  console.log(
    `conversion: ${result.boards} boards x ${result.cardsPerBoard} cards (${result.cards} cards, ` +
      `${result.issues} issues), median of ${result.runs} run(s)`,
  );
  const rows = result.steps.map((s) => [
    s.step.padEnd(16),
    String(s.medianMs).padStart(9),
    String(s.minMs).padStart(9),
    String(s.maxMs).padStart(9),
    (s.bytes === null ? '' : (s.bytes / 1024).toFixed(0)).padStart(9),
  ]);
  console.log(['step'.padEnd(16), 'median ms', '   min ms', '   max ms', '      KiB'].join('  '));
  for (const row of rows) console.log(row.join('  '));
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  runConversionBench({ quick: process.argv.includes('--quick') }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

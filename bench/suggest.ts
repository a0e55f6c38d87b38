/**
 * Quality and speed of the card suggestions: adjusted Rand index and purity of clusterTexts and
 * suggestClusters on shared/data/sample-cards.json against its strategic-issue labels, and the
 * time to cluster 1,000 synthetic cards (median of several runs). Run: npm run bench:suggest
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { addCard, initBoard } from '../shared/board/boardModel';
import { readBoard } from '../shared/board/readBoard';
import { clusterTexts } from '../shared/similarity/clusterTexts';
import { adjustedRandIndex, labelsFromGroups, purity } from '../shared/similarity/clusterQuality';
import { suggestClusters } from '../shared/similarity/suggestClusters';
import { synthesizeCards, type LabelledText } from './suggest/synthesizeCards';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 7;
const SEED = 20250601;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function timeIt(fn: () => void): number {
  fn(); // warm-up: JIT and lexicon tables
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function boardOf(items: readonly LabelledText[]): ReturnType<typeof readBoard>['board'] {
  const doc = new Y.Doc();
  initBoard(doc, { kind: 'kecamatan', title: 'bench', kecamatanKode: null });
  items.forEach((c, i) =>
    addCard(doc, {
      id: `c${i}`,
      text: c.text,
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author: { id: 'bench', name: 'bench' },
      createdAt: i,
    }),
  );
  return readBoard(doc).board;
}

function suggestionLabels(items: readonly LabelledText[]): string[] {
  const board = boardOf(items);
  const labels = board.cards.map((c) => `single-${c.id}`);
  const index = new Map(board.cards.map((c, i) => [c.id, i]));
  suggestClusters(board).forEach((s, k) =>
    s.cardIds.forEach((id) => (labels[index.get(id) ?? 0] = `s${k}`)),
  );
  return labels;
}

const raw = JSON.parse(readFileSync(join(here, '../shared/data/sample-cards.json'), 'utf8')) as {
  cards: { text: string; theme: string }[];
};
const sample: LabelledText[] = raw.cards.map((c) => ({ text: c.text, theme: c.theme }));
const truth = sample.map((c) => c.theme);
const texts = sample.map((c) => c.text);

const groups = clusterTexts(texts);
const clusterLabels = labelsFromGroups(groups, texts.length);
const sLabels = suggestionLabels(sample);

const synthetic = synthesizeCards(sample, 1000, SEED);
const synthTexts = synthetic.map((c) => c.text);
const synthGroups = clusterTexts(synthTexts);
const synthLabels = labelsFromGroups(synthGroups, synthTexts.length);
const synthTruth = synthetic.map((c) => c.theme);
const synthBoard = boardOf(synthetic);

const results = {
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  sample: {
    cards: texts.length,
    themes: new Set(truth).size,
    clusterTexts: {
      ari: adjustedRandIndex(clusterLabels, truth),
      purity: purity(clusterLabels, truth),
      groups: groups.length,
    },
    suggestClusters: { ari: adjustedRandIndex(sLabels, truth), purity: purity(sLabels, truth) },
  },
  synthetic1000: {
    seed: SEED,
    clusterTexts: {
      ari: adjustedRandIndex(synthLabels, synthTruth),
      purity: purity(synthLabels, synthTruth),
      groups: synthGroups.length,
      medianMs: timeIt(() => clusterTexts(synthTexts)),
    },
    suggestClustersMedianMs: timeIt(() => suggestClusters(synthBoard)),
    runs: RUNS,
  },
};

const f = (x: number): string => x.toFixed(3);
console.table({
  'sample 120 / clusterTexts': {
    ARI: f(results.sample.clusterTexts.ari),
    purity: f(results.sample.clusterTexts.purity),
    groups: results.sample.clusterTexts.groups,
    'median ms': '',
  },
  'sample 120 / suggestClusters': {
    ARI: f(results.sample.suggestClusters.ari),
    purity: f(results.sample.suggestClusters.purity),
    groups: '',
    'median ms': '',
  },
  'synthetic 1000 / clusterTexts': {
    ARI: f(results.synthetic1000.clusterTexts.ari),
    purity: f(results.synthetic1000.clusterTexts.purity),
    groups: results.synthetic1000.clusterTexts.groups,
    'median ms': results.synthetic1000.clusterTexts.medianMs.toFixed(1),
  },
  'synthetic 1000 / suggestClusters': {
    ARI: '',
    purity: '',
    groups: '',
    'median ms': results.synthetic1000.suggestClustersMedianMs.toFixed(1),
  },
});
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out/suggest.json'), JSON.stringify(results, null, 2) + '\n');
console.log('wrote bench/out/suggest.json');

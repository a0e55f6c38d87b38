/**
 * Cross-validation of the clustering and duplicate rules: for each fold, the rule is chosen on
 * the training cards only (over both sets), then measured on the cards left out.
 */
import { adjustedRandIndex, labelsFromGroups } from '../../shared/similarity/clusterQuality';
import {
  clusterTexts,
  groupMatrix,
  type ClusterOptions,
} from '../../shared/similarity/clusterTexts';
import { buildVectors, similarityMatrix } from '../../shared/similarity/textVectors';
import type { DuplicateOptions } from '../../shared/similarity/findNearDuplicates';
import { boardsOf, subset, type CardSet } from './cardSets';
import { collectHits, scoreClustering, scoreDuplicates, type HitList } from './evaluate';

/** The clustering choices tried: threshold that grows or not, with or without the second pass. */
export function clusterGrid(): ClusterOptions[] {
  const grid: ClusterOptions[] = [];
  for (const base of [0.12, 0.15, 0.18, 0.21, 0.24]) {
    for (const growth of [0, 0.02]) {
      grid.push({ threshold: { base, growth }, attach: { smallSize: 0 } });
      for (const threshold of [0.08, 0.12, 0.16, 0.2]) {
        grid.push({ threshold: { base, growth }, attach: { smallSize: 2, threshold } });
      }
    }
  }
  return grid;
}

/**
 * The duplicate rules tried: a plain threshold, a higher one for cards of other sectors (0: off),
 * a lower one for a top hit that stands clear, a lower one for cards of exactly the text's
 * sectors and a still lower one for those that also state one of its conditions (Infinity:
 * off). The grid is ordered so that ties go to the simpler rule.
 */
export function duplicateGrid(): DuplicateOptions[] {
  const grid: DuplicateOptions[] = [];
  for (const sectorThreshold of [Infinity, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3]) {
    for (const conditionThreshold of [Infinity, 0.12, 0.15]) {
      if (conditionThreshold >= sectorThreshold && conditionThreshold !== Infinity) continue;
      for (const threshold of [0.4, 0.45, 0.5, 0.55]) {
        for (const otherSectorThreshold of [0, 0.5, 0.55, 0.6]) {
          if (otherSectorThreshold !== 0 && otherSectorThreshold <= threshold) continue;
          const rule = { threshold, otherSectorThreshold, sectorThreshold, conditionThreshold };
          grid.push({ ...rule, clearThreshold: threshold, margin: Infinity });
          for (const clearThreshold of [0.25, 0.3, 0.35]) {
            for (const margin of [0.05, 0.1, 0.15]) grid.push({ ...rule, clearThreshold, margin });
          }
        }
      }
    }
  }
  return grid;
}

/** A set's similarity matrix and labels, computed once and reused for every choice tried. */
interface Prepared {
  matrix: Float32Array;
  n: number;
  truth: string[];
}

function prepare(set: CardSet): Prepared {
  const texts = set.cards.map((c) => c.text);
  return {
    matrix: similarityMatrix(buildVectors(texts).vectors),
    n: texts.length,
    truth: set.cards.map((c) => c.theme),
  };
}

function ariOf(p: Prepared, opts: ClusterOptions): number {
  const groups = groupMatrix(p.matrix.slice(), p.n, opts);
  return adjustedRandIndex(labelsFromGroups(groups, p.n), p.truth);
}

/**
 * Best clustering choice on `sets`, by the mean of whole-set ARI and mean per-board ARI over
 * both sets (a choice must serve the kabupaten view and one table's board alike).
 */
export function chooseCluster(sets: readonly CardSet[], grid: readonly ClusterOptions[]) {
  const whole = sets.map(prepare);
  const boards = sets.map((s) =>
    boardsOf(s)
      .filter((b) => b.cards.length >= 2)
      .map(prepare),
  );
  let best = grid[0] ?? {};
  let bestScore = -Infinity;
  for (const opts of grid) {
    let sum = 0;
    whole.forEach((p, k) => {
      const b = boards[k] ?? [];
      sum += ariOf(p, opts) + b.reduce((a, q) => a + ariOf(q, opts), 0) / Math.max(1, b.length);
    });
    const score = sum / (2 * whole.length);
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = opts;
    }
  }
  return { opts: best, score: bestScore };
}

/** Share of marked restatements the duplicate finder must find (issue 15). */
const RECALL_GOAL = 0.75;

/** Lexicographic comparison: a beats b on its first differing entry. */
function better(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? -Infinity;
    const y = b[i] ?? -Infinity;
    if (x > y + 1e-9) return true;
    if (x < y - 1e-9) return false;
  }
  return false;
}

/**
 * The duplicate rule that meets the recall goal (75% of restatements found) with the fewest
 * wrong-issue first hits; then more recall, then fewer hits shown for cards that restate nothing.
 * The former choice (the most recall with wrong-issue first hits for at most 2% of the training
 * cards) spent that whole 2% budget on the training cards and so went over it on held-out ones
 * (13/440 on the issue folds); see the README.
 */
export function chooseDuplicate(lists: readonly HitList[], grid: readonly DuplicateOptions[]) {
  let best = grid[0] ?? {};
  let bestKey = [-Infinity, -Infinity, -Infinity, -Infinity];
  for (const opts of grid) {
    const s = scoreDuplicates(lists, opts);
    const recall = s.found / Math.max(1, s.restatements);
    const key = [Math.min(recall, RECALL_GOAL), -s.wrongFirst, recall, -s.shownOther];
    if (better(key, bestKey)) {
      bestKey = key;
      best = opts;
    }
  }
  return best;
}

/** One fold's result. */
export interface FoldResult {
  fold: string;
  cluster: ClusterOptions;
  duplicate: DuplicateOptions;
  /** Per set: ARI, purity, groups of the cards the fold measures on. */
  measured: { set: string; ari: number; purity: number; groups: number; themes: number }[];
  /** For an issue left out: groups its cards fell into and the share in its largest group. */
  spread?: { groups: number; share: number; cards: number };
  found: number;
  restatements: number;
  wrongFirst: number;
  cards: number;
  shownOther: number;
}

function spreadOf(set: CardSet, opts: ClusterOptions, theme: string) {
  const groups = clusterTexts(
    set.cards.map((c) => c.text),
    opts,
  );
  const held = new Set(set.cards.flatMap((c, i) => (c.theme === theme ? [i] : [])));
  const holding = groups.map((g) => g.filter((i) => held.has(i)).length).filter((k) => k > 0);
  return { groups: holding.length, largest: Math.max(0, ...holding), cards: held.size };
}

/** Leave one issue out of both sets: choose on the rest, measure on the whole sets. */
export function leaveOneIssueOut(sets: readonly CardSet[], theme: string): FoldResult {
  const train = sets.map((s) => subset(s, (c) => c.theme !== theme));
  const cluster = chooseCluster(train, clusterGrid()).opts;
  const duplicate = chooseDuplicate(train.flatMap(collectHits), duplicateGrid());
  const measured = sets.map((s) => ({ set: s.name, ...scoreClustering(s, cluster) }));
  const spread = { groups: 0, share: 0, cards: 0 };
  let largest = 0;
  for (const s of sets) {
    const sp = spreadOf(s, cluster, theme);
    spread.groups += sp.groups;
    spread.cards += sp.cards;
    largest += sp.largest;
  }
  spread.share = spread.cards === 0 ? 0 : largest / spread.cards;
  const held = new Set(
    sets.flatMap((s) => s.cards.filter((c) => c.theme === theme).map((c) => `${s.name}:${c.id}`)),
  );
  const dup = scoreDuplicates(sets.flatMap(collectHits), duplicate, held);
  return { fold: `issue ${theme}`, cluster, duplicate, measured, spread, ...dup };
}

/** Leave one kecamatan out of both sets: choose on the other boards, measure on its boards. */
export function leaveOneKecamatanOut(sets: readonly CardSet[], kecamatan: string): FoldResult {
  const train = sets.map((s) => subset(s, (c) => c.kecamatan !== kecamatan));
  const test = sets
    .map((s) => subset(s, (c) => c.kecamatan === kecamatan))
    .filter((s) => s.cards.length > 0);
  const cluster = chooseCluster(train, clusterGrid()).opts;
  const duplicate = chooseDuplicate(train.flatMap(collectHits), duplicateGrid());
  const measured = test.map((s) => ({ set: s.name, ...scoreClustering(s, cluster) }));
  // Each board has its own finder: an original on another board is not a restatement here.
  const dup = test
    .map((s) => scoreDuplicates(collectHits(s), duplicate))
    .reduce((a, b) => ({
      found: a.found + b.found,
      restatements: a.restatements + b.restatements,
      wrongFirst: a.wrongFirst + b.wrongFirst,
      cards: a.cards + b.cards,
      shownOther: a.shownOther + b.shownOther,
    }));
  return { fold: `kecamatan ${kecamatan}`, cluster, duplicate, measured, ...dup };
}

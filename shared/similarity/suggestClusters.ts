import type { Board, Card } from '../board/types';
import { averageLink } from './averageLink';
import { DEFAULT_THRESHOLD, type ClusterOptions } from './clusterTexts';
import { proposeTitle } from './proposeTitle';
import { buildVectors, centroid, cosine, similarityMatrix, type TextVector } from './textVectors';

/** One proposed grouping of unclustered cards: a new cluster, or cards for an existing one. */
export interface Suggestion {
  title: string;
  cardIds: string[];
  /** Set when the cards fit this existing cluster better than a new one. */
  existingClusterId: string | null;
  /** Cohesion (new cluster) or fit (existing cluster), in [0, 1]. */
  score: number;
}

/** Options of suggestClusters. */
export interface SuggestOptions extends ClusterOptions {
  /** Smallest new cluster proposed (default 2); lone cards are only sent to existing clusters. */
  minGroupSize?: number;
  /** Average similarity to an existing cluster's centre that counts as a fit (default 0.35). */
  fitThreshold?: number;
}

function meanPairwise(vs: readonly TextVector[]): number {
  if (vs.length < 2) return 1;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < vs.length; i++) {
    for (let j = i + 1; j < vs.length; j++) {
      sum += cosine(vs[i] as TextVector, vs[j] as TextVector);
      pairs++;
    }
  }
  return sum / pairs;
}

/**
 * Suggested clusters for the board's unclustered cards (cards whose cluster no longer exists
 * count as unclustered). Pure: reads the board, returns previews, changes nothing. Best first.
 */
export function suggestClusters(board: Board, opts: SuggestOptions = {}): Suggestion[] {
  const clusterIds = new Set(board.clusters.map((k) => k.id));
  const loose: Card[] = [];
  const members = new Map<string, number[]>();
  board.cards.forEach((card, i) => {
    if (card.clusterId !== null && clusterIds.has(card.clusterId)) {
      members.set(card.clusterId, [...(members.get(card.clusterId) ?? []), i]);
    } else loose.push(card);
  });
  if (loose.length === 0) return [];

  // One space for cards and titles, so IDF reflects the whole board.
  const texts = board.cards.map((c) => c.text).concat(board.clusters.map((k) => k.title));
  const space = buildVectors(texts, opts);
  const vectorOfCard = new Map(board.cards.map((c, i) => [c.id, space.vectors[i] as TextVector]));
  const centres = board.clusters.map((k, ci) =>
    centroid(
      (members.get(k.id) ?? [])
        .map((i) => space.vectors[i] as TextVector)
        .concat([space.vectors[board.cards.length + ci] as TextVector]),
    ),
  );

  const looseVectors = loose.map((c) => vectorOfCard.get(c.id) as TextVector);
  const groups = averageLink(similarityMatrix(looseVectors), loose.length, {
    ...DEFAULT_THRESHOLD,
    ...opts.threshold,
  });
  const fitThreshold = opts.fitThreshold ?? 0.35;
  const minGroupSize = opts.minGroupSize ?? 2;
  const toExisting = new Map<string, Suggestion>();
  const fresh: Suggestion[] = [];
  for (const group of groups) {
    const vs = group.map((i) => looseVectors[i] as TextVector);
    let bestFit = -1;
    let bestCluster = -1;
    centres.forEach((c, ci) => {
      const fit = vs.reduce((s, v) => s + cosine(v, c), 0) / vs.length;
      if (fit > bestFit) {
        bestFit = fit;
        bestCluster = ci;
      }
    });
    const cohesion = meanPairwise(vs);
    const cluster = board.clusters[bestCluster];
    const cardIds = group.map((i) => (loose[i] as Card).id);
    if (
      cluster &&
      bestFit >= fitThreshold &&
      (group.length < minGroupSize || bestFit >= cohesion * 0.8)
    ) {
      const s = toExisting.get(cluster.id);
      if (s) {
        s.score =
          (s.score * s.cardIds.length + bestFit * cardIds.length) /
          (s.cardIds.length + cardIds.length);
        s.cardIds.push(...cardIds);
      } else {
        toExisting.set(cluster.id, {
          title: cluster.title,
          cardIds,
          existingClusterId: cluster.id,
          score: bestFit,
        });
      }
    } else if (group.length >= minGroupSize) {
      const title = proposeTitle(group.map((i) => (loose[i] as Card).text));
      fresh.push({ title, cardIds, existingClusterId: null, score: cohesion });
    }
  }
  return [...toExisting.values(), ...fresh].sort(
    (a, b) => b.score - a.score || a.title.localeCompare(b.title),
  );
}

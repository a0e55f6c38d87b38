import { averageLink, type LinkThreshold } from './averageLink';
import { buildVectors, similarityMatrix, type VectorOptions } from './textVectors';

/** Options of clusterTexts. */
export interface ClusterOptions extends VectorOptions {
  threshold?: Partial<LinkThreshold>;
}

/** Tuned on the general shape of Rembuk cards (short, one problem each); see bench/suggest.ts. */
export const DEFAULT_THRESHOLD: LinkThreshold = { base: 0.12, growth: 0.02 };

/** Groups texts by meaning; returns every text's index exactly once (singletons included). */
export function clusterTexts(texts: readonly string[], opts: ClusterOptions = {}): number[][] {
  if (texts.length === 0) return [];
  const space = buildVectors(texts, opts);
  const matrix = similarityMatrix(space.vectors);
  return averageLink(matrix, texts.length, { ...DEFAULT_THRESHOLD, ...opts.threshold });
}

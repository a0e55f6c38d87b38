import { attachSmallGroups, type AttachRule } from './attachSmallGroups';
import { averageLink, type LinkThreshold } from './averageLink';
import { buildVectors, similarityMatrix, type VectorOptions } from './textVectors';

/** Options of clusterTexts. */
export interface ClusterOptions extends VectorOptions {
  threshold?: Partial<LinkThreshold>;
  attach?: Partial<AttachRule>;
}

/** Chosen by cross-validation over the sample and the development set; see bench/suggest.ts. */
export const DEFAULT_THRESHOLD: LinkThreshold = { base: 0.18, growth: 0 };

/** Chosen with DEFAULT_THRESHOLD; see bench/suggest.ts. */
export const DEFAULT_ATTACH: AttachRule = { smallSize: 0, threshold: 1 };

/** Groups texts by meaning; returns every text's index exactly once (singletons included). */
export function clusterTexts(texts: readonly string[], opts: ClusterOptions = {}): number[][] {
  if (texts.length === 0) return [];
  const space = buildVectors(texts, opts);
  const matrix = similarityMatrix(space.vectors);
  return groupMatrix(matrix, texts.length, opts);
}

/** Average-link clustering of a similarity matrix, then small groups attached (see above). */
export function groupMatrix(
  matrix: Float32Array,
  n: number,
  opts: Pick<ClusterOptions, 'threshold' | 'attach'> = {},
): number[][] {
  const rule = { ...DEFAULT_ATTACH, ...opts.attach };
  const original = rule.smallSize > 0 ? matrix.slice() : matrix; // averageLink overwrites it
  const groups = averageLink(matrix, n, { ...DEFAULT_THRESHOLD, ...opts.threshold });
  return attachSmallGroups(groups, original, n, rule);
}

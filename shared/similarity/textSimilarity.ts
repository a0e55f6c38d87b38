import { buildVectors, cosine, type VectorOptions } from './textVectors';

/** Similarity of two short Indonesian texts in [0, 1] (no corpus, so no IDF weighting). */
export function textSimilarity(a: string, b: string, opts: VectorOptions = {}): number {
  const { vectors } = buildVectors([a, b], { useIdf: false, ...opts });
  const [va, vb] = vectors;
  return va && vb ? cosine(va, vb) : 0;
}

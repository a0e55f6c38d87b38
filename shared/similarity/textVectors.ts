import { analyzeText } from './analyzeText';
import { conceptsOf } from './concepts';

/** A sparse, L2-normalised vector: feature ids ascending, with their weights. */
export interface TextVector {
  ids: Int32Array;
  weights: Float32Array;
}

/** Relative weights of the feature kinds; see DEFAULT_FEATURE_WEIGHTS for the reasons. */
export interface FeatureWeights {
  term: number;
  negated: number;
  topic: number;
  gram: number;
  /** A condition stated of a sector ("broken@jalan", see concepts.ts); 0 leaves it out. */
  concept: number;
}

/**
 * Terms carry the meaning; a negated term is its own feature so "belum ada posyandu" and "sudah
 * ada posyandu" part ways; topics let cards of one sector meet without a shared word; character
 * 3- and 4-grams of stems catch typos and stems the stemmer missed, kept light so they never
 * outvote the words. Concepts are off here: they serve the duplicate finder, where a
 * restatement says the same condition of the same thing in other words.
 */
export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = {
  term: 1,
  negated: 1,
  topic: 2,
  gram: 0.12,
  concept: 0,
};

/** Vectors of a set of texts over one vocabulary, with the IDF used to weight them. */
export interface VectorSpace {
  vectors: TextVector[];
  vocabulary: Map<string, number>;
  idf: Float64Array;
  weights: FeatureWeights;
}

/** Options of buildVectors. */
export interface VectorOptions {
  /** Weigh features by inverse document frequency (default: on when there are >= 8 texts). */
  useIdf?: boolean;
  weights?: Partial<FeatureWeights>;
}

/**
 * Character 3- and 4-gram keys of a term, cached: a board's cards share most of their words, and
 * the grams were the largest cost of vectorising 1,000 cards. Cleared when it grows large.
 */
const gramCache = new Map<string, readonly string[]>();

function gramsOf(term: string): readonly string[] {
  let grams = gramCache.get(term);
  if (grams === undefined) {
    const padded = `^${term}$`;
    const list: string[] = [];
    for (let n = 3; n <= 4; n++) {
      for (let i = 0; i + n <= padded.length; i++) list.push(`g:${padded.slice(i, i + n)}`);
    }
    if (gramCache.size >= 50_000) gramCache.clear();
    gramCache.set(term, (grams = list));
  }
  return grams;
}

/** The raw (unweighted by IDF) features of one text. */
export function textFeatures(text: string, weights: FeatureWeights): Map<string, number> {
  const a = analyzeText(text);
  const features = new Map<string, number>();
  const add = (key: string, w: number): void => {
    features.set(key, Math.max(features.get(key) ?? 0, w));
  };
  for (const t of a.terms) add(`w:${t}`, weights.term);
  for (const t of a.negated) add(`n:${t}`, weights.negated);
  for (const t of a.topics) add(`t:${t}`, weights.topic);
  if (weights.concept > 0) {
    for (const c of conceptsOf(a.terms)) {
      for (const t of a.topics) add(`c:${c}@${t}`, weights.concept);
    }
  }
  if (weights.gram > 0) {
    for (const t of a.terms) {
      if (t.includes('_') || t.length < 3) continue;
      for (const g of gramsOf(t)) add(g, weights.gram);
    }
  }
  return features;
}

function normalise(entries: [number, number][]): TextVector {
  const n = entries.length;
  // Sort by id without a comparator: pack (id, position) into one number (a text has far fewer
  // than 2^12 features) and sort a Float64Array, which sorts numerically.
  const keys = new Float64Array(n);
  let norm = 0;
  for (let k = 0; k < n; k++) {
    const e = entries[k] as [number, number];
    keys[k] = (e[0] + 1) * 4096 + k; // ids start at -1 (vectorizeInSpace's unseen mass)
    norm += e[1] * e[1];
  }
  if (n >= 4096) entries.sort((x, y) => x[0] - y[0]);
  else keys.sort();
  norm = Math.sqrt(norm) || 1;
  const ids = new Int32Array(n);
  const weights = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const e = (n >= 4096 ? entries[k] : entries[(keys[k] ?? 0) % 4096]) as [number, number];
    ids[k] = e[0];
    weights[k] = e[1] / norm;
  }
  return { ids, weights };
}

/** Builds TF-IDF-style vectors for texts over a shared vocabulary. */
export function buildVectors(texts: readonly string[], opts: VectorOptions = {}): VectorSpace {
  const weights = { ...DEFAULT_FEATURE_WEIGHTS, ...opts.weights };
  const vocabulary = new Map<string, number>();
  const df: number[] = [];
  const raw = texts.map((text) => {
    const f = textFeatures(text, weights);
    const ids: [number, number][] = [];
    for (const [key, w] of f) {
      let id = vocabulary.get(key);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(key, id);
        df.push(0);
      }
      df[id] = (df[id] ?? 0) + 1;
      ids.push([id, w]);
    }
    return ids;
  });
  const useIdf = opts.useIdf ?? texts.length >= 8;
  const n = texts.length;
  const idf = Float64Array.from(df, (d) => (useIdf ? Math.log((n + 1) / (d + 1)) + 1 : 1));
  const vectors = raw.map((entries) =>
    normalise(entries.map(([id, w]): [number, number] => [id, w * (idf[id] ?? 1)])),
  );
  return { vectors, vocabulary, idf, weights };
}

/** A vector for a new text in an existing space (features unseen there still count in its norm). */
export function vectorizeInSpace(space: VectorSpace, text: string): TextVector {
  const maxIdf = space.idf.reduce((m, v) => Math.max(m, v), 1);
  const entries: [number, number][] = [];
  let unseen = 0;
  for (const [key, w] of textFeatures(text, space.weights)) {
    const id = space.vocabulary.get(key);
    if (id === undefined) unseen += (w * maxIdf) ** 2;
    else entries.push([id, w * (space.idf[id] ?? 1)]);
  }
  const v = normalise(entries.concat(unseen > 0 ? [[-1, Math.sqrt(unseen)]] : []));
  // The synthetic id -1 only served the norm; it matches nothing, so drop it.
  return v.ids[0] === -1 ? { ids: v.ids.subarray(1), weights: v.weights.subarray(1) } : v;
}

/** Cosine similarity of two normalised sparse vectors. */
export function cosine(a: TextVector, b: TextVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i] ?? 0;
    const y = b.ids[j] ?? 0;
    if (x === y) sum += (a.weights[i++] ?? 0) * (b.weights[j++] ?? 0);
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** All pairwise cosines as a dense n x n matrix, computed through an inverted index. */
export function similarityMatrix(vectors: readonly TextVector[]): Float32Array {
  const n = vectors.length;
  const matrix = new Float32Array(n * n);
  // The inverted index as flat arrays (documents and weights of feature f at start[f]..start[f+1]),
  // so the inner loop reads typed arrays only. Synthetic ids (< 0) match nothing.
  let features = 0;
  let entries = 0;
  for (const v of vectors) {
    for (const id of v.ids) if (id >= features) features = id + 1;
    entries += v.ids.length;
  }
  const start = new Int32Array(features + 1);
  for (const v of vectors) for (const id of v.ids) if (id >= 0) start[id + 1]! += 1;
  for (let f = 0; f < features; f++) start[f + 1]! += start[f]!;
  const fill = start.slice(0, features);
  const docs = new Int32Array(entries);
  const ws = new Float32Array(entries);
  vectors.forEach((v, doc) => {
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k]!;
      if (id < 0) continue;
      const at = fill[id]!++;
      docs[at] = doc;
      ws[at] = v.weights[k]!;
    }
  });
  for (let f = 0; f < features; f++) {
    const end = start[f + 1]!;
    for (let x = start[f]!; x < end; x++) {
      const row = docs[x]! * n;
      const wx = ws[x]!;
      for (let y = x + 1; y < end; y++) matrix[row + docs[y]!]! += wx * ws[y]!;
    }
  }
  for (let i = 0; i < n; i++) {
    matrix[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) matrix[j * n + i] = matrix[i * n + j]!;
  }
  return matrix;
}

/** The normalised mean of vectors (a group's centre). */
export function centroid(vectors: readonly TextVector[]): TextVector {
  const sum = new Map<number, number>();
  for (const v of vectors) {
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k] ?? 0;
      sum.set(id, (sum.get(id) ?? 0) + (v.weights[k] ?? 0));
    }
  }
  return normalise([...sum.entries()]);
}

/** Percentiles and summaries of latency samples (milliseconds). */

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The p-th percentile (0..100) of ascending `sorted` values by the nearest-rank method: the
 * smallest value such that at least p% of the samples are <= it. NaN for no samples.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile: p must be within 0..100, got ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[Math.min(n, rank) - 1] as number;
}

/** Sorts a copy of `samples` and returns count, mean, p50/p95/p99 and max. */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  const n = sorted.length;
  return {
    count: n,
    mean: n === 0 ? Number.NaN : sum / n,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n === 0 ? Number.NaN : (sorted[n - 1] as number),
  };
}

/** Joins sample arrays from several workers into one. */
export function concatSamples(parts: readonly ArrayLike<number>[]): Float64Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Float64Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A growable buffer of samples with a hard cap, so a long run cannot exhaust memory; past the
 * cap, samples replace random earlier ones (reservoir sampling keeps the distribution fair).
 */
export class SampleBuffer {
  private data: Float64Array;
  private length = 0;
  private seen = 0;

  constructor(private readonly cap = 2_000_000) {
    this.data = new Float64Array(Math.min(cap, 4096));
  }

  add(value: number): void {
    this.seen++;
    if (this.length < this.cap) {
      if (this.length === this.data.length) {
        const grown = new Float64Array(Math.min(this.cap, this.data.length * 2));
        grown.set(this.data);
        this.data = grown;
      }
      this.data[this.length++] = value;
      return;
    }
    const slot = Math.floor(Math.random() * this.seen);
    if (slot < this.cap) this.data[slot] = value;
  }

  /** Samples recorded (all of them, including those the cap replaced). */
  get count(): number {
    return this.seen;
  }

  /** A copy of the kept samples. */
  values(): Float64Array {
    return this.data.slice(0, this.length);
  }

  clear(): void {
    this.length = 0;
    this.seen = 0;
  }
}

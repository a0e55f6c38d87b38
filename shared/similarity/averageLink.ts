/** When two groups may merge: average similarity at least base + growth * log2(merged size). */
export interface LinkThreshold {
  base: number;
  growth: number;
}

/** The threshold two groups of these sizes must reach to merge. */
export function thresholdFor(t: LinkThreshold, size: number): number {
  return t.base + t.growth * Math.log2(size);
}

/**
 * Average-link agglomerative clustering over a dense n x n similarity matrix (which it
 * overwrites). It always merges the pair that clears its size-aware threshold by the widest
 * margin, so big groups need ever closer newcomers and one broad topic cannot swallow the board.
 * Each row keeps its best partner, so a run costs about O(n^2), not O(n^3). Returns the groups
 * as ascending index lists, in order of their first member.
 */
export function averageLink(matrix: Float32Array, n: number, t: LinkThreshold): number[][] {
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const best = new Int32Array(n).fill(-1);
  const bestMargin = new Float64Array(n).fill(-Infinity);
  // The threshold of each merged size, computed once (it is read n^2 times).
  const thresholds = Float64Array.from({ length: n + 1 }, (_, s) => thresholdFor(t, s));
  const margin = (i: number, j: number): number =>
    (matrix[i * n + j] ?? 0) - (thresholds[(size[i] ?? 1) + (size[j] ?? 1)] ?? 0);
  const rescan = (i: number): void => {
    let b = -1;
    let m = -Infinity;
    const row = i * n;
    const si = size[i] ?? 1;
    for (let j = 0; j < n; j++) {
      if (j === i || active[j] === 0) continue;
      const v = (matrix[row + j] ?? 0) - (thresholds[si + (size[j] ?? 1)] ?? 0);
      if (v > m) {
        m = v;
        b = j;
      }
    }
    best[i] = b;
    bestMargin[i] = m;
  };
  for (let i = 0; i < n; i++) rescan(i);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);

  for (;;) {
    let i = -1;
    let m = 0; // only positive margins merge
    for (let k = 0; k < n; k++) {
      if (active[k] && (bestMargin[k] ?? -Infinity) >= m && best[k] !== -1) {
        m = bestMargin[k] ?? 0;
        i = k;
      }
    }
    if (i === -1) break;
    const j = best[i] ?? -1;
    const si = size[i] ?? 1;
    const sj = size[j] ?? 1;
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === i || k === j) continue;
      const v = (si * (matrix[i * n + k] ?? 0) + sj * (matrix[j * n + k] ?? 0)) / (si + sj);
      matrix[i * n + k] = v;
      matrix[k * n + i] = v;
    }
    active[j] = 0;
    size[i] = si + sj;
    members[i] = (members[i] ?? []).concat(members[j] ?? []);
    members[j] = [];
    for (let k = 0; k < n; k++) {
      if (!active[k]) continue;
      if (k === i || best[k] === i || best[k] === j) rescan(k);
      else {
        const v = margin(k, i);
        if (v > (bestMargin[k] ?? -Infinity)) {
          best[k] = i;
          bestMargin[k] = v;
        }
      }
    }
  }
  const groups: number[][] = [];
  for (let k = 0; k < n; k++) {
    if (active[k]) groups.push((members[k] ?? []).sort((a, b) => a - b));
  }
  return groups.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

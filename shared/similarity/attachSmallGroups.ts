/** When a small group joins a large one; see attachSmallGroups. */
export interface AttachRule {
  /** Groups of at most this many cards may be attached (0 = never). */
  smallSize: number;
  /** Lowest average similarity of the small group's members to the large group's. */
  threshold: number;
}

/**
 * A second pass after average-link clustering: every group of at most `smallSize` texts joins
 * the larger group (more than `smallSize` texts) it is closest to on average, when that average
 * similarity reaches `threshold`. Singletons and pairs are what over-splitting leaves behind: a
 * card about the same issue that shares few words with any single neighbour. `matrix` is the
 * untouched n x n similarity matrix. Groups keep their order of first member.
 */
export function attachSmallGroups(
  groups: readonly number[][],
  matrix: Float32Array,
  n: number,
  rule: AttachRule,
): number[][] {
  if (rule.smallSize <= 0) return groups.map((g) => [...g]);
  const large = groups.filter((g) => g.length > rule.smallSize).map((g) => [...g]);
  if (large.length === 0) return groups.map((g) => [...g]);
  const rest: number[][] = [];
  const joins: { target: number; members: readonly number[] }[] = [];
  for (const g of groups) {
    if (g.length > rule.smallSize) continue;
    let best = -1;
    let bestMean = rule.threshold;
    large.forEach((big, k) => {
      let sum = 0;
      for (const i of g) for (const j of big) sum += matrix[i * n + j] ?? 0;
      const mean = sum / (g.length * big.length);
      if (mean >= bestMean) {
        bestMean = mean;
        best = k;
      }
    });
    // Joins are decided against the large groups as they were, so the order of groups is moot.
    if (best >= 0) joins.push({ target: best, members: g });
    else rest.push([...g]);
  }
  for (const { target, members } of joins) large[target]?.push(...members);
  return large
    .map((g) => g.sort((a, b) => a - b))
    .concat(rest)
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

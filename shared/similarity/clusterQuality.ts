/** Pairs among n items. */
function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

function contingency(predicted: readonly string[], truth: readonly string[]): Map<string, number> {
  if (predicted.length !== truth.length) {
    throw new Error('clusterQuality: predicted and truth labels differ in length');
  }
  const table = new Map<string, number>();
  predicted.forEach((p, i) => {
    const key = JSON.stringify([p, truth[i]]);
    table.set(key, (table.get(key) ?? 0) + 1);
  });
  return table;
}

function counts(labels: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

/** Adjusted Rand index (Hubert and Arabie) of two labelings of the same items; 1 = identical. */
export function adjustedRandIndex(predicted: readonly string[], truth: readonly string[]): number {
  const n = predicted.length;
  const table = contingency(predicted, truth);
  let index = 0;
  for (const c of table.values()) index += pairs(c);
  let a = 0;
  for (const c of counts(predicted).values()) a += pairs(c);
  let b = 0;
  for (const c of counts(truth).values()) b += pairs(c);
  const expected = n < 2 ? 0 : (a * b) / pairs(n);
  const max = (a + b) / 2;
  if (max === expected) return 1; // both labelings trivial (all one group or all singletons)
  return (index - expected) / (max - expected);
}

/** Purity: the share of items that belong to the majority truth label of their predicted group. */
export function purity(predicted: readonly string[], truth: readonly string[]): number {
  if (predicted.length === 0) return 1;
  const best = new Map<string, number>();
  for (const [key, c] of contingency(predicted, truth)) {
    const [p] = JSON.parse(key) as [string, string];
    best.set(p, Math.max(best.get(p) ?? 0, c));
  }
  let sum = 0;
  for (const c of best.values()) sum += c;
  return sum / predicted.length;
}

/** Labels items by the group holding them, e.g. for ARI over clusterTexts output. */
export function labelsFromGroups(groups: readonly (readonly number[])[], n: number): string[] {
  const labels = Array.from({ length: n }, (_, i) => `single-${i}`);
  groups.forEach((g, k) => g.forEach((i) => (labels[i] = `group-${k}`)));
  return labels;
}

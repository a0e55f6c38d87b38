/**
 * The 1,000-card suggestion work alone (clusterTexts, then the duplicate finder built), for the
 * profiler: node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/suggest/profile.ts
 * Prints wall and CPU time per run; the first runs include JIT warm-up.
 */
import { clusterTexts } from '../../shared/similarity/clusterTexts';
import { createDuplicateFinder } from '../../shared/similarity/findNearDuplicates';
import { loadCardSets } from './cardSets';
import { synthesizeCards } from './synthesizeCards';

const { sample } = loadCardSets();
const texts = synthesizeCards(
  sample.cards.map((c) => ({ text: c.text, theme: c.theme })),
  1000,
  20250601,
).map((c) => c.text);
const cards = texts.map((text, i) => ({ id: `s${i}`, text }));
for (let run = 0; run < Number(process.argv[2] ?? 8); run++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  clusterTexts(texts);
  const t1 = performance.now();
  createDuplicateFinder(cards);
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  console.log(
    `clusterTexts ${(t1 - t0).toFixed(0)} ms, finder ${(t2 - t1).toFixed(0)} ms, ` +
      `both ${(t2 - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`,
  );
}

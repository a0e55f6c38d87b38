import { loadCardSets } from './cardSets';
import { synthesizeCards } from './synthesizeCards';
import { clusterTexts } from '../../shared/similarity/clusterTexts';
import { createDuplicateFinder } from '../../shared/similarity/findNearDuplicates';
const { sample } = loadCardSets();
const synth = synthesizeCards(sample.cards.map((c) => ({ text: c.text, theme: c.theme })), 1000, 20250601);
const texts = synth.map((c) => c.text);
const cards = texts.map((text, i) => ({ id: `s${i}`, text }));
for (let r = 0; r < 8; r++) {
  const t0 = performance.now(); const c0 = process.cpuUsage();
  clusterTexts(texts);
  const t1 = performance.now();
  createDuplicateFinder(cards);
  const t2 = performance.now(); const c = process.cpuUsage(c0);
  console.log(`cluster ${(t1 - t0).toFixed(0)} finder ${(t2 - t1).toFixed(0)} total ${(t2 - t0).toFixed(0)} cpu ${((c.user + c.system) / 1000).toFixed(0)}`);
}

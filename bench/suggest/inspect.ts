/**
 * Prints the duplicate finder's errors one by one, to judge what kind each is:
 *   npx tsx bench/suggest/inspect.ts folds    wrong-issue first hits on the leave-one-issue-out folds
 *   npx tsx bench/suggest/inspect.ts missed   restatements whose original is not shown (default rule)
 */
import { analyzeText } from '../../shared/similarity/analyzeText';
import {
  DUPLICATE_RULE,
  selectHits,
  type DuplicateOptions,
} from '../../shared/similarity/findNearDuplicates';
import { loadCardSets, subset } from './cardSets';
import { chooseDuplicate, duplicateGrid } from './crossValidate';
import { collectHits, type HitList } from './evaluate';

const { sample, dev } = loadCardSets();
const sets = [sample, dev];
const text = new Map(sets.flatMap((s) => s.cards.map((c) => [`${s.name}:${c.id}`, c.text])));
const all = sets.flatMap(collectHits);
const themes = [...new Set(sets.flatMap((s) => s.cards.map((c) => c.theme)))].sort();
const topics = (id: string): string => analyzeText(text.get(id) ?? '').topics.join(',');

function show(l: HitList, hits: HitList['hits']): void {
  console.log(`  ${l.id} [${l.theme}] ${text.get(l.id)}  {${topics(l.id)}}`);
  for (const h of hits.slice(0, 3)) {
    const flags = `${h.sameSector ? 'same sectors' : 'other sectors'}${h.sameCondition ? ', same condition' : ''}`;
    console.log(
      `   -> ${h.score.toFixed(3)} (${flags}) [${h.theme}] ${text.get(h.cardId)}  {${topics(h.cardId)}}`,
    );
  }
}

const describe = (o: DuplicateOptions): string =>
  JSON.stringify(o, (_, v: unknown) => (v === Infinity ? 'off' : v));

if (process.argv[2] === 'missed') {
  const onBoard = new Set(all.map((l) => l.id));
  for (const l of all) {
    if (l.duplicateOf === null || !onBoard.has(l.duplicateOf)) continue;
    const hits = selectHits(l.hits, { ...DUPLICATE_RULE, limit: 3 });
    if (hits.some((h) => h.cardId === l.duplicateOf)) continue;
    console.log(`missed: original ${l.duplicateOf} ${text.get(l.duplicateOf)}`);
    show(l, l.hits);
  }
} else {
  for (const theme of themes) {
    const train = sets.map((s) => subset(s, (c) => c.theme !== theme));
    const rule = chooseDuplicate(train.flatMap(collectHits), duplicateGrid());
    for (const l of all) {
      if (l.theme !== theme) continue;
      const hits = selectHits(l.hits, { ...rule, limit: 3 });
      if (hits[0] && hits[0].theme !== l.theme) {
        console.log(`fold ${theme}, rule ${describe(rule)}`);
        show(l, hits);
      }
    }
  }
}

import { analyzeText, termOf } from './analyzeText';
import { normalizeText } from './normalizeText';
import { NEGATIONS, STOPWORDS } from './stopwords';
import { buildVectors, cosine } from './textVectors';
import { topicSubject } from './topicLexicon';

const MAX_TITLE = 80;

/** A card text tidied into a title: one line, sentence case, no trailing punctuation, <= 80 chars. */
export function tidyTitle(text: string): string {
  let t = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;:!?\-\s]+$/, '');
  if (t.length > 3 && t === t.toUpperCase()) t = t.toLowerCase();
  if (t.length > MAX_TITLE) {
    const cut = t.slice(0, MAX_TITLE);
    t = `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
  }
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** Index of the most central text: the one closest on average to all the others. */
export function mostCentral(texts: readonly string[]): number {
  if (texts.length <= 2) return 0;
  const { vectors } = buildVectors(texts);
  let best = 0;
  let bestScore = -1;
  vectors.forEach((v, i) => {
    let sum = 0;
    for (const w of vectors) sum += cosine(v, w);
    if (sum > bestScore) {
      bestScore = sum;
      best = i;
    }
  });
  return best;
}

/** The most central of several titles people wrote, tidied (for merging clusters). */
export function centralTitle(titles: readonly string[]): string {
  const clean = titles.filter((t) => t.trim() !== '');
  return clean.length === 0 ? '' : tidyTitle(clean[mostCentral(clean)] ?? '');
}

/**
 * How strategic issues are named in RPJMD and Renstra documents: a nominalised condition
 * ("Rendahnya", "Belum memadainya") and what it is about. The first condition the cards state
 * most often wins; a lack stated with tidak/belum is "Belum memadainya".
 */
const CONDITIONS: readonly (readonly [string, string])[] = [
  ['Rusaknya', 'rusak hancur retak lapuk bocor jebol putus ambruk runtuh miring gugur'],
  ['Mahalnya', 'mahal larang'],
  ['Rendahnya', 'murah harga_rendah rendah rugi turun anjlok'],
  ['Kurangnya', 'kurang kekurangan minim sedikit langka kosong habis'],
  ['Tingginya', 'tinggi marak meningkat banyak sering'],
  ['Sulitnya', 'sulit susah jauh'],
  ['Belum optimalnya', 'aktif jarang'],
];

const CONDITION_OF: ReadonlyMap<string, string> = new Map(
  CONDITIONS.flatMap(([name, words]) => words.split(' ').map((w) => [termOf(w), name] as const)),
);

/** Words a title never names as its subject: conditions, negations, places and time. */
const NOT_SUBJECT = new Set([
  ...CONDITION_OF.keys(),
  'tidak',
  'parah',
  'berat',
  'mohon',
  'perlu',
  'musim',
  'hujan',
]);

interface Term {
  stem: string;
  surface: string;
  texts: number;
  position: number;
}

/** Content terms shared by the texts, with their most common written form, most shared first. */
function sharedTerms(texts: readonly string[]): Term[] {
  const terms = new Map<string, { surfaces: Map<string, number>; texts: number; pos: number }>();
  for (const text of texts) {
    const seen = new Set<string>();
    normalizeText(text).forEach((word, i, words) => {
      if (STOPWORDS.has(word) || NEGATIONS.has(word) || word.length < 3) return;
      const stem = termOf(word);
      if (NOT_SUBJECT.has(stem) || seen.has(stem)) return;
      seen.add(stem);
      const t = terms.get(stem) ?? { surfaces: new Map(), texts: 0, pos: 0 };
      t.surfaces.set(word, (t.surfaces.get(word) ?? 0) + 1);
      t.texts += 1;
      t.pos += i / Math.max(1, words.length);
      terms.set(stem, t);
    });
  }
  return [...terms]
    .map(([stem, t]) => ({
      stem,
      surface: [...t.surfaces].sort((a, b) => b[1] - a[1])[0]?.[0] ?? stem,
      texts: t.texts,
      position: t.pos / t.texts,
    }))
    .sort((a, b) => b.texts - a.texts || a.position - b.position);
}

/** Two terms in the order the texts that hold both write them ("harga karet", not "karet harga"). */
function inWrittenOrder(terms: Term[], texts: readonly string[]): Term[] {
  const [a, b] = terms;
  if (!a || !b) return terms;
  let votes = 0;
  for (const text of texts) {
    const stems = normalizeText(text).map(termOf);
    const i = stems.indexOf(a.stem);
    const j = stems.indexOf(b.stem);
    if (i >= 0 && j >= 0) votes += i < j ? 1 : -1;
  }
  return votes > 0 || (votes === 0 && a.position <= b.position) ? [a, b] : [b, a];
}

/** The condition at least a quarter of the texts (and two) state, or null for a plain lack. */
function conditionOf(texts: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const t of analyzeText(text).terms) {
      const c = CONDITION_OF.get(t);
      if (c && !seen.has(c)) {
        seen.add(c);
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
  }
  let best: string | null = null;
  let bestCount = Math.max(1, Math.ceil(texts.length / 4) - 1);
  for (const [name] of CONDITIONS) {
    const n = counts.get(name) ?? 0;
    if (n > bestCount) {
      best = name;
      bestCount = n;
    }
  }
  return best;
}

function dominantTopic(texts: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const t of analyzeText(text).topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  return top && top[1] * 2 >= texts.length ? top[0] : null;
}

/**
 * A strategic-issue title for a group of cards, in the style of an RPJMD: a condition the
 * cards state ("Rusaknya", "Rendahnya", "Kurangnya"...) with the terms at least two in five
 * cards share ("Rendahnya harga karet"); for a plain lack (tidak, belum), "Belum memadainya"
 * with the subject of the group's sector ("Belum memadainya akses air bersih"), or with the
 * shared terms when no sector holds half the cards. A lone card, or cards that share nothing,
 * keep the most central card's own words. Empty input gives "".
 */
export function proposeTitle(texts: readonly string[]): string {
  const clean = texts.filter((t) => t.trim() !== '');
  if (clean.length === 0) return '';
  if (clean.length === 1) return tidyTitle(clean[0] ?? '');
  const needed = Math.max(2, Math.ceil(clean.length * 0.4));
  const shared = inWrittenOrder(
    sharedTerms(clean)
      .filter((t) => t.texts >= needed)
      .slice(0, 2),
    clean,
  )
    .map((t) => t.surface.replace(/_/g, ' '))
    .join(' ');
  const condition = conditionOf(clean);
  const topic = dominantTopic(clean);
  const sector = topic === null ? undefined : topicSubject(topic);
  if (condition !== null && shared !== '') return tidyTitle(`${condition} ${shared}`);
  if (sector !== undefined) return tidyTitle(`Belum memadainya ${sector}`);
  if (shared !== '') return tidyTitle(`Belum memadainya ${shared}`);
  return tidyTitle(clean[mostCentral(clean)] ?? '');
}

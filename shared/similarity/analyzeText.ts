import { normalizeText } from './normalizeText';
import { stemWord } from './stemWord';
import { NEGATIONS, STOPWORDS } from './stopwords';
import { SYNONYM_PHRASES } from './synonyms';
import { topicWordLists } from './topicLexicon';

/** What one text is made of, before weighting. */
export interface AnalyzedText {
  /** Content stems and canonical synonym tokens, stopwords removed, negations kept. */
  terms: string[];
  /** Content stems that follow a negation ("belum ada posyandu" -> "posyandu"). */
  negated: string[];
  /** Planning topics the text touches (see topicLexicon.ts). */
  topics: string[];
}

/**
 * Synonym phrases as word arrays and canonical words, by first word, longest first, so "jalan
 * usaha tani" wins over "jalan" (indexed: a word starts a lookup only when a phrase starts with it).
 */
const PHRASES_BY_START: ReadonlyMap<string, readonly (readonly [string[], string[]])[]> = (() => {
  const map = new Map<string, [string[], string[]][]>();
  const sorted = SYNONYM_PHRASES.map(([p, c]): [string[], string[]] => [
    p.split(' '),
    c.split(' '),
  ]).sort((a, b) => b[0].length - a[0].length);
  for (const entry of sorted) {
    const start = entry[0][0] ?? '';
    map.set(start, [...(map.get(start) ?? []), entry]);
  }
  return map;
})();

/** Topics by stem (single words) or by underscore-joined phrase ("kepala_desa"). */
const TOPIC_BY_KEY: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [topic, words] of topicWordLists()) {
    for (const word of words) {
      const key = word.includes('_') ? word : stemWord(word);
      const list = map.get(key) ?? [];
      if (!list.includes(topic)) list.push(topic);
      map.set(key, list);
    }
  }
  return map;
})();

/** First words of the lexicon's phrases, so that only those start a phrase lookup. */
const PHRASE_STARTS: ReadonlySet<string> = new Set(
  [...TOPIC_BY_KEY.keys()].filter((k) => k.includes('_')).map((k) => k.split('_')[0] ?? ''),
);

/**
 * Readings of an affixed word that stemWord cannot choose between without a dictionary; the
 * topic lexicon is that dictionary. Banjar verbs and nouns take ba- where Indonesian has ber- (bagawi, bahuma) and ma- with a
 * nasal where it has me- (manyadap, mambuang). Stripping them blindly would cut Indonesian
 * roots (balita, manusia), so a Banjar prefix is only removed when what remains is a word the
 * topic lexicon knows.
 */
function lexiconStem(word: string): string | null {
  const candidates: string[] = [];
  // ter-/ber- before a root in r- lose an r (te+rendam, be+rasa): stemWord reads ter+endam.
  const r = /^[bt]er([aeiou][a-z]{3,})$/.exec(word);
  if (r) candidates.push(`r${r[1]}`);
  if (/^ba[a-z]{4,}$/.test(word)) candidates.push(word.slice(2));
  const m = /^ma(ny|ng|m|n)([a-z]{3,})$/.exec(word);
  if (m) {
    const [, nasal, rest = ''] = m;
    if (nasal === 'ny') candidates.push(`s${rest}`);
    if (nasal === 'ng') candidates.push(rest, `k${rest}`);
    if (nasal === 'm') candidates.push(rest, `p${rest}`);
    if (nasal === 'n') candidates.push(rest, `t${rest}`);
  }
  for (const c of candidates) {
    const stem = stemWord(c);
    if (TOPIC_BY_KEY.has(stem)) return stem;
  }
  return null;
}

function applySynonyms(words: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  outer: while (i < words.length) {
    for (const [phrase, canonical] of PHRASES_BY_START.get(words[i] ?? '') ?? []) {
      if (phrase.every((w, k) => words[i + k] === w)) {
        out.push(...canonical);
        i += phrase.length;
        continue outer;
      }
    }
    out.push(words[i] ?? '');
    i += 1;
  }
  return out;
}

/** The stem of one normalised word, Banjar prefixes included. */
export function termOf(word: string): string {
  if (word.includes('_')) return word;
  const stem = stemWord(word);
  if (TOPIC_BY_KEY.has(stem)) return stem;
  return lexiconStem(word) ?? stem;
}

/** Words after a negation that say "there is none" rather than naming the thing. */
const EXISTENCE = new Set(['ada', 'punya', 'tersedia', 'aktif']);

/**
 * Normalises, applies synonyms, drops stopwords, stems, and tags negations and topics. A
 * negation binds to the next content word ("belum ada posyandu"), or, when it closes its clause
 * ("posyandu belum ada, ..."), to the content word before it.
 */
export function analyzeText(text: string): AnalyzedText {
  const terms: string[] = [];
  const negated: string[] = [];
  const topics = new Set<string>();
  const tag = (key: string): void => {
    for (const topic of TOPIC_BY_KEY.get(key) ?? []) topics.add(topic);
  };
  for (const clause of text.split(/[,.;:!?\n()]+/)) {
    const words = applySynonyms(normalizeText(clause));
    let negationPending = false;
    let previous: string | null = null;
    words.forEach((word, i) => {
      // Phrases of the lexicon (kepala desa, bank sampah) are read before stopwords drop words.
      const next = words[i + 1];
      if (next !== undefined && PHRASE_STARTS.has(word)) {
        tag(`${word}_${next}`);
        const third = words[i + 2];
        if (third !== undefined) tag(`${word}_${next}_${third}`);
      }
      if (NEGATIONS.has(word)) {
        terms.push('tidak'); // tidak, belum, bukan and tanpa state the same lack on a card
        const rest = words.slice(i + 1).filter((w) => !STOPWORDS.has(w) || EXISTENCE.has(w));
        const closesClause = rest.length === 0 || (rest.length === 1 && EXISTENCE.has(rest[0]!));
        if (closesClause && previous !== null) negated.push(previous);
        else negationPending = true;
        return;
      }
      if (STOPWORDS.has(word) || word.length < 2) return;
      const stem = termOf(word);
      terms.push(stem);
      if (negationPending) negated.push(stem);
      negationPending = false;
      previous = stem;
      tag(stem);
    });
  }
  return { terms, negated, topics: [...topics] };
}

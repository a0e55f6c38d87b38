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

/** Synonym phrases as word arrays, longest first, so "jalan usaha tani" wins over "jalan". */
const PHRASES = SYNONYM_PHRASES.map(([p, c]) => [p.split(' '), c] as const).sort(
  (a, b) => b[0].length - a[0].length,
);

const TOPIC_BY_STEM: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [topic, words] of topicWordLists()) {
    for (const word of words) {
      const stem = word.includes('_') ? word : stemWord(word);
      const list = map.get(stem) ?? [];
      if (!list.includes(topic)) list.push(topic);
      map.set(stem, list);
    }
  }
  return map;
})();

function applySynonyms(words: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  outer: while (i < words.length) {
    for (const [phrase, canonical] of PHRASES) {
      if (phrase.every((w, k) => words[i + k] === w)) {
        out.push(canonical);
        i += phrase.length;
        continue outer;
      }
    }
    out.push(words[i] ?? '');
    i += 1;
  }
  return out;
}

/** Normalises, applies synonyms, drops stopwords, stems, and tags negations and topics. */
export function analyzeText(text: string): AnalyzedText {
  const terms: string[] = [];
  const negated: string[] = [];
  const topics = new Set<string>();
  let negationPending = false;
  for (const word of applySynonyms(normalizeText(text))) {
    if (NEGATIONS.has(word)) {
      terms.push('tidak'); // tidak, belum, bukan and tanpa state the same lack on a card
      negationPending = true;
      continue;
    }
    if (STOPWORDS.has(word) || word.length < 2) continue;
    const stem = word.includes('_') ? word : stemWord(word);
    terms.push(stem);
    if (negationPending) negated.push(stem);
    negationPending = false;
    for (const topic of TOPIC_BY_STEM.get(stem) ?? []) topics.add(topic);
  }
  return { terms, negated, topics: [...topics] };
}

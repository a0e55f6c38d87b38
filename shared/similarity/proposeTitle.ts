import { buildVectors, cosine } from './textVectors';

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

/**
 * A readable strategic-issue title for a group of cards or cluster titles: the most central
 * one, tidied. A person renames it anyway; what matters is that it reads as Bahasa Indonesia the
 * group wrote, not as a bag of stems. Empty input gives "".
 */
export function proposeTitle(texts: readonly string[]): string {
  const clean = texts.filter((t) => t.trim() !== '');
  if (clean.length === 0) return '';
  return tidyTitle(clean[mostCentral(clean)] ?? '');
}

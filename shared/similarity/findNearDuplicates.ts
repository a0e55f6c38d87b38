import { buildVectors, cosine, vectorizeInSpace, type FeatureWeights } from './textVectors';

/** A card that says nearly the same thing as the text being typed. */
export interface NearDuplicate {
  cardId: string;
  score: number;
}

/** Options of the duplicate finder. */
export interface DuplicateOptions {
  /** Lowest similarity reported (default 0.5). */
  threshold?: number;
  /** Most results (default 5). */
  limit?: number;
  /** A card to leave out, e.g. the one being edited. */
  excludeId?: string;
}

/**
 * Duplicates are about the same problem, not the same sector, so topics count for little here
 * and words for most.
 */
const DUPLICATE_WEIGHTS: Partial<FeatureWeights> = { topic: 0.3, gram: 0.15 };

/**
 * Prepares the board's cards once and returns a finder to call on every keystroke ("Mirip
 * dengan: ..."). Rebuild it when cards change; a keystroke then only vectorises one text.
 */
export function createDuplicateFinder(
  cards: readonly { id: string; text: string }[],
): (text: string, opts?: DuplicateOptions) => NearDuplicate[] {
  const space = buildVectors(
    cards.map((c) => c.text),
    { weights: DUPLICATE_WEIGHTS, useIdf: cards.length >= 8 },
  );
  return (text, opts = {}) => {
    const threshold = opts.threshold ?? 0.5;
    if (text.trim().length < 3) return [];
    const query = vectorizeInSpace(space, text);
    const found: NearDuplicate[] = [];
    space.vectors.forEach((v, i) => {
      const card = cards[i];
      if (!card || card.id === opts.excludeId) return;
      const score = cosine(query, v);
      if (score >= threshold) found.push({ cardId: card.id, score });
    });
    return found.sort((a, b) => b.score - a.score).slice(0, opts.limit ?? 5);
  };
}

/** Near-duplicates of `text` among `cards`, best first (one-off; see createDuplicateFinder). */
export function findNearDuplicates(
  text: string,
  cards: readonly { id: string; text: string }[],
  opts: DuplicateOptions = {},
): NearDuplicate[] {
  return createDuplicateFinder(cards)(text, opts);
}

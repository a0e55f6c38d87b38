import {
  buildVectors,
  cosine,
  textFeatures,
  vectorizeInSpace,
  type FeatureWeights,
  type VectorSpace,
} from './textVectors';

/** A card that says nearly the same thing as the text being typed. */
export interface NearDuplicate {
  cardId: string;
  score: number;
  /** The card belongs to exactly the sectors of the text (see topicLexicon.ts). */
  sameSector: boolean;
  /** The card states a condition the text states of its sector (concepts.ts: "broken@jalan"). */
  sameCondition: boolean;
}

/** Options of the duplicate finder. */
export interface DuplicateOptions {
  /** Lowest similarity reported in any case (default DUPLICATE_RULE.threshold). */
  threshold?: number;
  /**
   * Lowest similarity for a card whose sectors are not exactly the text's, when higher than
   * `threshold` (default DUPLICATE_RULE): a card that is also about another sector ("truk
   * batubara ... jalan hancur" is a mining card) needs more shared words to be the same problem.
   */
  otherSectorThreshold?: number;
  /**
   * Lower similarity at which the top hit alone is reported when it stands clear of the rest by
   * `margin` (default DUPLICATE_RULE): a restatement shares meaning more than words, but a hit
   * that is far ahead of every other card is rarely a coincidence.
   */
  clearThreshold?: number;
  margin?: number;
  /**
   * Lower similarity at which a card of exactly the text's sectors is reported (default
   * DUPLICATE_RULE; Infinity turns the rule off): a restatement uses other words for the same
   * thing, and the sectors of the topic lexicon name that thing where the words differ.
   */
  sectorThreshold?: number;
  /**
   * Lower similarity at which a card of exactly the text's sectors that also states one of the
   * text's conditions of that sector ("jalan rusak" and "jln rumbah, lubang di mana2":
   * broken@jalan) is reported (default DUPLICATE_RULE; Infinity: only sectorThreshold applies).
   * Two cards of one sector that share a word but state no common condition ("titian ke sekolah
   * miring" and "jalan ke sekolah becek, anak terlambat") are two problems, so a bare sector
   * match needs the higher sectorThreshold.
   */
  conditionThreshold?: number;
  /** Most results (default 5). */
  limit?: number;
  /** A card to leave out, e.g. the one being edited. */
  excludeId?: string;
}

/**
 * The default rule, chosen by cross-validation over the sample and the development set (see
 * bench/suggest.ts): the fewest first hits of another issue with 75% of restatements found. Any
 * card of exactly the text's sectors from 0.4, of other sectors from 0.55; one of exactly the
 * text's sectors that states one of its conditions (broken@jalan) from 0.12, without a common
 * condition from 0.25. The margin rule (a lower bar for a top hit far ahead of the runner-up)
 * stays available but is off: no fold chose it.
 */
export const DUPLICATE_RULE = {
  threshold: 0.4,
  otherSectorThreshold: 0.55,
  clearThreshold: 0.4,
  margin: Infinity,
  sectorThreshold: 0.25,
  conditionThreshold: 0.12,
};

/**
 * Duplicates are about the same problem, not the same sector, so topics count for little here
 * and words for most; a condition stated of a sector (concepts.ts: "broken@jalan") lets two
 * restatements meet without a shared word. Concept weight 0.6 chosen on the folds (0, 0.3, 0.6
 * and 1 tried; see the README).
 */
const DUPLICATE_WEIGHTS: Partial<FeatureWeights> = { topic: 0.3, gram: 0.15, concept: 0.6 };

/** What a text says of each term: there (affirmed) or lacking (negated). */
interface Polarity {
  affirmed: Set<string>;
  negated: Set<string>;
  topics: Set<string>;
  /** Conditions stated of a sector (concept features, "broken@jalan"). */
  conditions: Set<string>;
  /** The text states a lack, with a negation or a word of lack ("lowongan kerja sedikit"). */
  lacks: boolean;
}

/** Words that state a lack without a negation (stems as analyzeText gives them). */
const LACK_WORDS = new Set(
  'kurang sedikit minim langka kosong habis terbatas batas jarang susah sulit rusak mati tutup putus hilang'.split(
    ' ',
  ),
);

function polarityOf(keys: Iterable<string>): Polarity {
  const p: Polarity = {
    affirmed: new Set(),
    negated: new Set(),
    topics: new Set(),
    conditions: new Set(),
    lacks: false,
  };
  for (const k of keys) {
    if (k.startsWith('t:')) p.topics.add(k.slice(2));
    else if (k.startsWith('c:')) p.conditions.add(k.slice(2));
    else if (k.startsWith('n:')) p.negated.add(k.slice(2));
    else if (k.startsWith('w:')) p.affirmed.add(k.slice(2));
  }
  for (const t of p.negated) p.affirmed.delete(t);
  p.lacks = p.negated.size > 0 || [...p.affirmed].some((t) => LACK_WORDS.has(t));
  return p;
}

/**
 * Whether two texts cannot be the same problem: one says of a term that it is lacking and the
 * other, stating no lack at all, that it is there ("belum ada posyandu", "posyandu sudah ada"); or
 * both belong to known sectors and share none.
 */
export function contradicts(a: Polarity, b: Polarity): boolean {
  // Two texts of known, disjoint sectors are not the same problem however many words they share.
  if (a.topics.size > 0 && b.topics.size > 0 && ![...a.topics].some((t) => b.topics.has(t))) {
    return true;
  }
  // Only against a text that states no lack at all: "tower belum dibangun" and "tower seluler
  // belum ada" state one lack with the negation bound to different words, and "lowongan kerja
  // sedikit" states the lack of "tidak ada lapangan kerja" without a negation.
  if (!b.lacks) for (const t of a.negated) if (b.affirmed.has(t)) return true;
  if (!a.lacks) for (const t of b.negated) if (a.affirmed.has(t)) return true;
  return false;
}

function cardPolarities(space: VectorSpace): Polarity[] {
  const keyOf: string[] = [];
  for (const [key, id] of space.vocabulary) keyOf[id] = key;
  return space.vectors.map((v) => polarityOf(Array.from(v.ids, (id) => keyOf[id] ?? '')));
}

/** Whether two texts belong to exactly the same, known sectors. */
export function sameSectors(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size > 0 && a.size === b.size && [...a].every((t) => b.has(t));
}

/**
 * Which of the hits (sorted best first) are shown: all at or above `threshold` and those of
 * exactly the text's sectors at or above `sectorThreshold`; if none, the top hit
 * alone when it reaches `clearThreshold` and leads the runner-up by `margin`.
 */
export function selectHits<
  T extends { score: number; sameSector?: boolean; sameCondition?: boolean },
>(sorted: readonly T[], opts: DuplicateOptions = {}): T[] {
  const threshold = opts.threshold ?? DUPLICATE_RULE.threshold;
  const clear = opts.clearThreshold ?? DUPLICATE_RULE.clearThreshold;
  const margin = opts.margin ?? DUPLICATE_RULE.margin;
  const sector = opts.sectorThreshold ?? DUPLICATE_RULE.sectorThreshold;
  const condition = opts.conditionThreshold ?? DUPLICATE_RULE.conditionThreshold;
  const other = Math.max(
    threshold,
    opts.otherSectorThreshold ?? DUPLICATE_RULE.otherSectorThreshold,
  );
  const out = sorted.filter(
    (h) =>
      h.score >= (h.sameSector === false ? other : threshold) ||
      (h.sameSector === true &&
        h.score >= (h.sameCondition === true ? Math.min(sector, condition) : sector)),
  );
  const [top, second] = sorted;
  if (out.length === 0 && top && top.score >= clear && top.score - (second?.score ?? 0) >= margin) {
    out.push(top);
  }
  return out.slice(0, opts.limit ?? 5);
}

/** A text shorter than this (trimmed) is not compared: no card is reported for it. */
export const MIN_QUERY_LENGTH = 3;

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
  const polarities = cardPolarities(space);
  return (text, opts = {}) => {
    if (text.trim().length < MIN_QUERY_LENGTH) return [];
    const query = vectorizeInSpace(space, text);
    const polarity = polarityOf(textFeatures(text, space.weights).keys());
    const scored: NearDuplicate[] = [];
    space.vectors.forEach((v, i) => {
      const card = cards[i];
      if (!card || card.id === opts.excludeId) return;
      const score = cosine(query, v);
      const other = polarities[i] as Polarity;
      if (score > 0 && !contradicts(polarity, other))
        scored.push({
          cardId: card.id,
          score,
          sameSector: sameSectors(polarity.topics, other.topics),
          sameCondition: [...polarity.conditions].some((c) => other.conditions.has(c)),
        });
    });
    return selectHits(
      scored.sort((a, b) => b.score - a.score),
      opts,
    );
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

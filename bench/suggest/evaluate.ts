/** Quality of clustering and of the duplicate finder on one labelled card set. */
import {
  adjustedRandIndex,
  labelsFromGroups,
  purity,
} from '../../shared/similarity/clusterQuality';
import { clusterTexts, type ClusterOptions } from '../../shared/similarity/clusterTexts';
import {
  createDuplicateFinder,
  selectHits,
  type DuplicateOptions,
} from '../../shared/similarity/findNearDuplicates';
import { boardsOf, type CardSet } from './cardSets';

/** How well clusterTexts recovers the strategic issues of a set. */
export interface ClusterScore {
  ari: number;
  purity: number;
  groups: number;
  themes: number;
  ms: number;
}

/** Clusters a set's texts and scores the groups against its issue labels. */
export function scoreClustering(set: CardSet, opts: ClusterOptions = {}): ClusterScore {
  const texts = set.cards.map((c) => c.text);
  const truth = set.cards.map((c) => c.theme);
  const t0 = performance.now();
  const groups = clusterTexts(texts, opts);
  const ms = performance.now() - t0;
  const labels = labelsFromGroups(groups, texts.length);
  return {
    ari: adjustedRandIndex(labels, truth),
    purity: purity(labels, truth),
    groups: groups.length,
    themes: new Set(truth).size,
    ms,
  };
}

/** Mean ARI over the set's kecamatan boards, each clustered on its own (what one table sees). */
export function scoreBoards(set: CardSet, opts: ClusterOptions = {}): number {
  const boards = boardsOf(set).filter((b) => b.cards.length >= 2);
  if (boards.length === 0) return NaN;
  return boards.reduce((s, b) => s + scoreClustering(b, opts).ari, 0) / boards.length;
}

/**
 * The finder's top hits for every card of a set, against all the set's other cards. Scores are
 * kept down to 0.2 so that threshold and margin rules can be evaluated without rerunning.
 */
export interface HitList {
  id: string;
  theme: string;
  duplicateOf: string | null;
  hits: {
    cardId: string;
    theme: string;
    score: number;
    sameSector: boolean;
    sameCondition: boolean;
  }[];
}

/** Runs the duplicate finder once per card (board = the set minus that card); ids get the set's name. */
export function collectHits(set: CardSet): HitList[] {
  const find = createDuplicateFinder(set.cards);
  const themeOf = new Map(set.cards.map((c) => [c.id, c.theme]));
  const key = (id: string): string => `${set.name}:${id}`;
  return set.cards.map((c) => ({
    id: key(c.id),
    theme: c.theme,
    duplicateOf: c.duplicateOf === null ? null : key(c.duplicateOf),
    hits: find(c.text, { excludeId: c.id, threshold: 0.01, otherSectorThreshold: 0, limit: 8 }).map(
      (h) => ({
        cardId: key(h.cardId),
        score: h.score,
        sameSector: h.sameSector,
        sameCondition: h.sameCondition,
        theme: themeOf.get(h.cardId) ?? '',
      }),
    ),
  }));
}

/** Duplicate recall and wrong-issue first hits under one threshold/margin rule. */
export interface DuplicateScore {
  found: number;
  restatements: number;
  wrongFirst: number;
  cards: number;
  /** Cards that restate nothing and still get a hit shown (of their own issue or not). */
  shownOther: number;
}

/**
 * Scores hit lists under `opts`, counting only the cards in `measure` (default: all). A
 * restatement counts when its original was on the board, and is found when the original is
 * among the (at most 3) hits "Mirip dengan" shows.
 */
export function scoreDuplicates(
  lists: readonly HitList[],
  opts: DuplicateOptions,
  measure?: ReadonlySet<string>,
): DuplicateScore {
  const onBoard = new Set(lists.map((l) => l.id));
  const score: DuplicateScore = {
    found: 0,
    restatements: 0,
    wrongFirst: 0,
    cards: 0,
    shownOther: 0,
  };
  for (const l of lists) {
    if (measure && !measure.has(l.id)) continue;
    score.cards++;
    const hits = selectHits(l.hits, { ...opts, limit: 3 });
    if (hits[0] && hits[0].theme !== l.theme) score.wrongFirst++;
    if (l.duplicateOf !== null && onBoard.has(l.duplicateOf)) {
      score.restatements++;
      if (hits.some((h) => h.cardId === l.duplicateOf)) score.found++;
    } else if (hits.length > 0) score.shownOther++;
  }
  return score;
}

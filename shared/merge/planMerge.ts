import { averageLink, type LinkThreshold } from '../similarity/averageLink';
import { centralTitle } from '../similarity/proposeTitle';
import {
  buildVectors,
  centroid,
  cosine,
  similarityMatrix,
  type TextVector,
} from '../similarity/textVectors';
import { stableId, sourceKey } from './mergeIds';
import type {
  IssueMember,
  IssueProposal,
  MergePlan,
  SourceBoard,
  SourceCardRef,
} from './mergePlan';

/** Options of planMerge. */
export interface PlanMergeOptions {
  /** When two groups of source clusters join (defaults suit cluster-level similarity). */
  threshold?: Partial<LinkThreshold>;
  /** Similarity to an issue's centre at which an unclustered card joins it (default 0.35). */
  fitThreshold?: number;
}

/** Cluster-level vectors are centres of many cards, so they sit closer than single cards do. */
export const MERGE_THRESHOLD: LinkThreshold = { base: 0.3, growth: 0.03 };

/**
 * Proposes kabupaten issues from kecamatan boards: each source cluster is described by its
 * title (weighted like two cards) and its cards; clusters with similar titles or contents are
 * grouped by average-link clustering; unclustered cards join the issue they fit. Pure.
 */
export function planMerge(sources: readonly SourceBoard[], opts: PlanMergeOptions = {}): MergePlan {
  const members: IssueMember[] = [];
  const memberTexts: { title: string; cards: string[] }[] = [];
  const loose: SourceCardRef[] = [];
  const looseTexts: string[] = [];
  for (const { boardId, board } of sources) {
    const ids = new Set(board.clusters.map((k) => k.id));
    for (const k of board.clusters) {
      members.push({ boardId, clusterId: k.id });
      memberTexts.push({
        title: k.title,
        cards: board.cards.filter((c) => c.clusterId === k.id).map((c) => c.text),
      });
    }
    for (const c of board.cards) {
      if (c.clusterId === null || !ids.has(c.clusterId)) {
        loose.push({ boardId, cardId: c.id });
        looseTexts.push(c.text);
      }
    }
  }
  const texts = memberTexts.flatMap((m) => [m.title, ...m.cards]).concat(looseTexts);
  const space = buildVectors(texts);
  let at = 0;
  const memberVectors = memberTexts.map((m) => {
    const title = space.vectors[at] as TextVector;
    const cards = space.vectors.slice(at + 1, at + 1 + m.cards.length);
    at += 1 + m.cards.length;
    return cards.length === 0 ? title : centroid([title, title, centroid(cards)]);
  });
  const looseVectors = space.vectors.slice(at);

  const groups = averageLink(similarityMatrix(memberVectors), members.length, {
    ...MERGE_THRESHOLD,
    ...opts.threshold,
  });
  const issues: IssueProposal[] = groups.map((g) => {
    const groupMembers = g.map((i) => members[i] as IssueMember);
    const keys = groupMembers.map((m) => sourceKey(m.boardId, m.clusterId)).sort();
    return {
      id: stableId('i', keys[0] ?? ''),
      title: centralTitle(g.map((i) => memberTexts[i]?.title ?? '')),
      members: groupMembers,
      unclusteredCards: [],
    };
  });
  const centres = groups.map((g) => centroid(g.map((i) => memberVectors[i] as TextVector)));
  const fitThreshold = opts.fitThreshold ?? 0.35;
  const unassigned: SourceCardRef[] = [];
  loose.forEach((ref, i) => {
    const v = looseVectors[i] as TextVector;
    let best = -1;
    let bestFit = fitThreshold;
    centres.forEach((c, k) => {
      const fit = cosine(v, c);
      if (fit >= bestFit) {
        bestFit = fit;
        best = k;
      }
    });
    if (best >= 0) issues[best]?.unclusteredCards.push(ref);
    else unassigned.push(ref);
  });
  return { issues, unassigned };
}

import type { IssueProposal, MergePlan, SourceBoard, SourceCardRef } from './mergePlan';
import { MAX_TITLE_LENGTH } from '../limits';

const MAX_ISSUES = 2_000;

function obj(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Turns a merge plan that came from a client (untrusted JSON, possibly edited or stale) into a
 * valid plan over `sources`: unknown boards, clusters and cards are dropped, each cluster and
 * card is used at most once, and every source card that the plan does not place lands in
 * `unassigned`, so applying it can never lose a card. Returns null when `raw` is not a plan.
 */
export function sanitizePlan(raw: unknown, sources: readonly SourceBoard[]): MergePlan | null {
  const root = obj(raw);
  if (root === null || !Array.isArray(root.issues)) return null;
  const clusters = new Map<string, Set<string>>();
  const cards = new Map<string, Map<string, string | null>>();
  for (const { boardId, board } of sources) {
    clusters.set(boardId, new Set(board.clusters.map((k) => k.id)));
    cards.set(boardId, new Map(board.cards.map((c) => [c.id, c.clusterId])));
  }
  const usedClusters = new Set<string>();
  const placedCards = new Set<string>();
  const issues: IssueProposal[] = [];
  const ids = new Set<string>();
  for (const rawIssue of root.issues.slice(0, MAX_ISSUES)) {
    const issue = obj(rawIssue);
    if (
      issue === null ||
      typeof issue.id !== 'string' ||
      !/^[A-Za-z0-9_:-]{1,100}$/.test(issue.id) ||
      ids.has(issue.id)
    ) {
      continue;
    }
    const members = list(issue.members).flatMap((m) => {
      const member = obj(m);
      const boardId = member?.boardId;
      const clusterId = member?.clusterId;
      if (typeof boardId !== 'string' || typeof clusterId !== 'string') return [];
      const key = `${boardId}/${clusterId}`;
      if (!clusters.get(boardId)?.has(clusterId) || usedClusters.has(key)) return [];
      usedClusters.add(key);
      return [{ boardId, clusterId }];
    });
    const unclusteredCards = list(issue.unclusteredCards).flatMap((c) =>
      takeCard(c, cards, placedCards),
    );
    if (members.length === 0 && unclusteredCards.length === 0) continue;
    ids.add(issue.id);
    const title = typeof issue.title === 'string' ? issue.title.slice(0, MAX_TITLE_LENGTH) : '';
    issues.push({ id: issue.id, title, members, unclusteredCards });
  }
  const unassigned: SourceCardRef[] = list(root.unassigned).flatMap((c) =>
    takeCard(c, cards, placedCards),
  );
  // Whatever the plan left out still goes onto the merged board.
  for (const [boardId, boardCards] of cards) {
    for (const [cardId, clusterId] of boardCards) {
      const key = `${boardId}/${cardId}`;
      const coveredByCluster = clusterId !== null && usedClusters.has(`${boardId}/${clusterId}`);
      if (!coveredByCluster && !placedCards.has(key)) {
        placedCards.add(key);
        unassigned.push({ boardId, cardId });
      }
    }
  }
  return { issues, unassigned };
}

function takeCard(
  value: unknown,
  cards: Map<string, Map<string, string | null>>,
  placed: Set<string>,
): SourceCardRef[] {
  const ref = obj(value);
  const boardId = ref?.boardId;
  const cardId = ref?.cardId;
  if (typeof boardId !== 'string' || typeof cardId !== 'string') return [];
  const key = `${boardId}/${cardId}`;
  if (!cards.get(boardId)?.has(cardId) || placed.has(key)) return [];
  placed.add(key);
  return [{ boardId, cardId }];
}

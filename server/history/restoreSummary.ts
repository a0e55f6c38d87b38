import type { Board } from '../../shared/board/types';

/** What restoring a point would change on the board as it is now (for the moderator's preview). */
export interface RestoreSummary {
  cards: { back: number; removed: number; changed: number };
  clusters: { back: number; removed: number; renamed: number };
  /** Vote entries (one voter on one card or cluster) that would change, appear or go. */
  votes: number;
  /** Other drawings (pen, arrows, text) that would change, appear or go. */
  canvas: number;
  titleChanges: boolean;
  /** Up to five card texts that come back, for the preview. */
  cardsBack: string[];
  /** Renamed issues: what they are called now and what they will be called. */
  renamed: { from: string; to: string }[];
}

const PREVIEW_ITEMS = 5;

/** Compares the board now with the board at a restore point (both read with readBoard). */
export function restoreSummary(now: Board, point: Board): RestoreSummary {
  const nowCards = new Map(now.cards.map((c) => [c.id, c]));
  const pointCards = new Map(point.cards.map((c) => [c.id, c]));
  const back = point.cards.filter((c) => !nowCards.has(c.id));
  const nowClusters = new Map(now.clusters.map((k) => [k.id, k]));
  const pointClusters = new Map(point.clusters.map((k) => [k.id, k]));
  const renamed = point.clusters.flatMap((k) => {
    const current = nowClusters.get(k.id);
    return current && current.title !== k.title ? [{ from: current.title, to: k.title }] : [];
  });
  const voteKey = (v: { targetId: string; voterId: string }) => `${v.targetId}/${v.voterId}`;
  const nowVotes = new Map(now.votes.map((v) => [voteKey(v), v.count]));
  const pointVotes = new Map(point.votes.map((v) => [voteKey(v), v.count]));
  const voteKeys = new Set([...nowVotes.keys(), ...pointVotes.keys()]);
  const canvasKeys = new Set([...now.canvas.keys(), ...point.canvas.keys()]);
  return {
    cards: {
      back: back.length,
      removed: now.cards.filter((c) => !pointCards.has(c.id)).length,
      changed: point.cards.filter((c) => {
        const current = nowCards.get(c.id);
        return current !== undefined && JSON.stringify(current) !== JSON.stringify(c);
      }).length,
    },
    clusters: {
      back: point.clusters.filter((k) => !nowClusters.has(k.id)).length,
      removed: now.clusters.filter((k) => !pointClusters.has(k.id)).length,
      renamed: renamed.length,
    },
    votes: [...voteKeys].filter((key) => nowVotes.get(key) !== pointVotes.get(key)).length,
    canvas: [...canvasKeys].filter(
      (key) => JSON.stringify(now.canvas.get(key)) !== JSON.stringify(point.canvas.get(key)),
    ).length,
    titleChanges: now.meta.title !== point.meta.title,
    cardsBack: back.slice(0, PREVIEW_ITEMS).map((c) => c.text),
    renamed: renamed.slice(0, PREVIEW_ITEMS),
  };
}

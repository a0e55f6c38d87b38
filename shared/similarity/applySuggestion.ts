import type * as Y from 'yjs';
import { boardMaps } from '../board/boardDoc';
import { createCluster, moveCard, resizeCluster, setCardCluster } from '../board/boardModel';
import { readBoard } from '../board/readBoard';
import { cardSlot, frameSize, LAYOUT_GAP, rightEdge } from './frameLayout';
import type { Suggestion } from './suggestClusters';

/** What applying suggestions did. */
export interface AppliedSuggestions {
  createdClusterIds: string[];
  movedCardIds: string[];
}

/**
 * Applies the suggestions a person chose, in ONE Yjs transaction with `origin`, so a
 * Y.UndoManager tracking that origin undoes all of it in one step. The board may have moved on
 * since the preview: cards that are gone or that someone has clustered meanwhile are left alone
 * (never stolen from a person's cluster), and a suggestion for a deleted cluster creates a new
 * one instead. New frames go to the right of everything on the board, cards laid out inside.
 */
export function applySuggestion(
  doc: Y.Doc,
  suggestions: readonly Suggestion[],
  origin: unknown,
): AppliedSuggestions {
  const result: AppliedSuggestions = { createdClusterIds: [], movedCardIds: [] };
  const { board } = readBoard(doc);
  const looseIds = new Set(
    board.cards
      .filter((c) => c.clusterId === null || !board.clusters.some((k) => k.id === c.clusterId))
      .map((c) => c.id),
  );
  let nextX = rightEdge(board.cards, board.clusters) + 4 * LAYOUT_GAP;
  const top = Math.min(0, ...board.clusters.map((k) => k.y), ...board.cards.map((c) => c.y));
  doc.transact(() => {
    const { clusters } = boardMaps(doc);
    for (const s of suggestions) {
      const cardIds = s.cardIds.filter((id) => looseIds.has(id));
      if (cardIds.length === 0) continue;
      cardIds.forEach((id) => looseIds.delete(id));
      let clusterId =
        s.existingClusterId !== null && clusters.has(s.existingClusterId)
          ? s.existingClusterId
          : null;
      if (clusterId === null) {
        const size = frameSize(cardIds.length);
        clusterId = createCluster(doc, { title: s.title, x: nextX, y: top, ...size }, origin);
        result.createdClusterIds.push(clusterId);
        cardIds.forEach((id, i) => {
          const slot = cardSlot({ x: nextX, y: top }, i);
          moveCard(doc, id, slot.x, slot.y, origin);
        });
        nextX += size.w + 2 * LAYOUT_GAP;
      } else {
        const frame = board.clusters.find((k) => k.id === clusterId);
        if (frame) {
          const already = board.cards.filter((c) => c.clusterId === clusterId).length;
          const size = frameSize(already + cardIds.length);
          resizeCluster(
            doc,
            clusterId,
            { x: frame.x, y: frame.y, w: Math.max(frame.w, size.w), h: Math.max(frame.h, size.h) },
            origin,
          );
          cardIds.forEach((id, i) => {
            const slot = cardSlot(frame, already + i);
            moveCard(doc, id, slot.x, slot.y, origin);
          });
        }
      }
      for (const id of cardIds) {
        setCardCluster(doc, id, clusterId, origin);
        result.movedCardIds.push(id);
      }
    }
  }, origin);
  return result;
}

import type { ArchivedRestorePoint } from '../backup/archiveFormat';
import type { RestorePointArchive } from '../backup/writeEventArchive';
import type { DocStore } from '../store/DocStore';

/**
 * The event archive's restore-point slot over the store: every point of a board, oldest first,
 * with its stored reason as the label; an imported point is stored with its time and state (its
 * log position is 0: the new board's log starts afresh). Null for a store that cannot add points.
 */
export function restorePointArchive(store: DocStore): RestorePointArchive | null {
  const add = store.addRestorePoint?.bind(store);
  if (!add) return null;
  return {
    async list(boardId) {
      const infos = await store.listRestorePoints(boardId);
      const points: ArchivedRestorePoint[] = [];
      for (const info of infos.reverse()) {
        const point = await store.readRestorePoint(boardId, info.id);
        if (!point) continue; // deleted by retention meanwhile
        points.push({
          id: String(info.id),
          at: info.createdAt,
          by: info.actor.slice(0, 200),
          label: info.reason.slice(0, 500),
          counts: {
            cards: info.counts.cards ?? 0,
            clusters: info.counts.clusters ?? 0,
            votes: info.counts.votes ?? 0,
          },
          state: point.state,
        });
      }
      return points;
    },
    async add(boardId, point) {
      await add(
        boardId,
        { actor: point.by, reason: point.label ?? 'other' },
        { state: point.state, upToSeq: 0, createdAt: point.at },
      );
    },
  };
}

import type * as Y from 'yjs';
import { ACCEPT, type WriteRule } from '../sync/write/WriteRule';
import type { WriterSocket } from '../sync/writeOrigin';

/** One connection deleted many cards quickly; raised before its deleting write is stored. */
export interface MassDeletion {
  boardId: string;
  /** Who: the connection's role and token name. */
  role: string;
  name: string;
  /** Cards this connection deleted within the window, this write included. */
  cards: number;
}

export interface MassDeletionOptions {
  /** Deleted cards within the window at which the alarm fires. */
  cards: number;
  windowMs: number;
  now?: () => number;
  /**
   * Called synchronously from the write path, before the deleting write is stored or applied,
   * with the room's document as it is just before it.
   */
  onAlarm(deletion: MassDeletion, docBefore: Y.Doc): void;
}

/**
 * Counts the cards each client connection deletes (a key of `cards` removed, not rewritten) in a
 * sliding window; when one connection reaches the threshold, the alarm fires once and the count
 * starts again. The rule never refuses: participants may delete cards, the net is the restore
 * point. Its state is per socket (a WeakMap), so one rule serves every room.
 */
export function massDeletionRule(options: MassDeletionOptions): WriteRule {
  const now = options.now ?? Date.now;
  const deletions = new WeakMap<WriterSocket, number[]>();
  return {
    name: 'mass-deletion',
    check(write) {
      if (write.who.kind !== 'client') return ACCEPT;
      const entries = write.touched.maps.get('cards');
      if (!entries) return ACCEPT;
      const cards = write.doc.getMap('cards');
      let removed = 0;
      for (const [key, entry] of entries) {
        if (entry.deleted && entry.values.length === 0 && cards.has(key)) removed++;
      }
      if (removed === 0) return ACCEPT;
      const socket = write.who.socket;
      const at = now();
      const recent = (deletions.get(socket) ?? []).filter((t) => at - t < options.windowMs);
      for (let i = 0; i < removed; i++) recent.push(at);
      if (recent.length >= options.cards) {
        deletions.set(socket, []);
        options.onAlarm(
          {
            boardId: socket.info.boardId,
            role: socket.info.role,
            name: socket.info.subject,
            cards: recent.length,
          },
          write.doc,
        );
      } else {
        deletions.set(socket, recent);
      }
      return ACCEPT;
    },
  };
}

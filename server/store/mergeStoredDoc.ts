import * as Y from 'yjs';

/** A board's stored state merged into one update, and what it holds. */
export interface MergedDoc {
  state: Uint8Array;
  /** Entries per top-level map. */
  counts: Record<string, number>;
  /** Log entries Yjs could not integrate (they failed when they arrived too; load skips them). */
  skipped: number;
}

/**
 * Merges a snapshot and log entries through a scratch Y.Doc, so deleted content is garbage
 * collected exactly as when a room loads the board. A snapshot that does not decode throws:
 * compaction then fails and the log keeps everything.
 */
export function mergeStoredDoc(
  snapshot: Uint8Array | null,
  updates: readonly { update: Uint8Array }[],
): MergedDoc {
  const doc = new Y.Doc();
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    let skipped = 0;
    doc.transact(() => {
      for (const { update } of updates) {
        try {
          Y.applyUpdate(doc, update);
        } catch {
          skipped++;
        }
      }
    });
    const counts: Record<string, number> = {};
    for (const [name, type] of doc.share) {
      if (type._map.size > 0)
        counts[name] = [...type._map.values()].filter((i) => !i.deleted).length;
    }
    return { state: Y.encodeStateAsUpdate(doc), counts, skipped };
  } finally {
    doc.destroy();
  }
}

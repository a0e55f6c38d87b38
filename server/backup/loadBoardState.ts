import * as Y from 'yjs';
import type { DocStore } from '../store/DocStore';

/**
 * The whole stored document of a board as one Yjs update (snapshot and log merged), or the
 * state of an empty document when nothing was ever stored for it.
 */
export async function loadBoardState(store: DocStore, boardId: string): Promise<Uint8Array> {
  const stored = await store.load(boardId);
  const doc = new Y.Doc();
  try {
    if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const { update } of stored?.updates ?? []) Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

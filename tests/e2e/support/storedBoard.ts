import * as Y from 'yjs';
import { readBoard } from '../../../shared/board/readBoard';
import type { Board } from '../../../shared/board/types';
import type { DocStore } from '../../../server/store/DocStore';

/** The board as the server has durably stored it (snapshot + log), read with readBoard. */
export async function readStoredBoard(store: DocStore, boardId: string): Promise<Board> {
  const stored = await store.load(boardId);
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const { update } of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return readBoard(doc).board;
}

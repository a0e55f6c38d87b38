import type { DocStore, DocStoreStats, StoredDoc, StoredUpdate } from './DocStore';

interface MemoryBoard {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  updates: StoredUpdate[];
  lastSeq: number;
}

/** A DocStore in process memory: for tests and throwaway demos; nothing survives a restart. */
export class MemoryDocStore implements DocStore {
  private readonly boards = new Map<string, MemoryBoard>();
  private nextSeq = 1;
  private closed = false;

  async load(boardId: string): Promise<StoredDoc | null> {
    this.assertOpen();
    const board = this.boards.get(boardId);
    if (!board) return null;
    return {
      snapshot: board.snapshot && board.snapshot.slice(),
      updates: board.updates.map(({ seq, update }) => ({ seq, update: update.slice() })),
    };
  }

  async append(boardId: string, update: Uint8Array): Promise<number> {
    this.assertOpen();
    const board = this.board(boardId);
    const seq = this.nextSeq++;
    // Copy: the caller's buffer may be reused, the store must keep what was appended.
    board.updates.push({ seq, update: update.slice() });
    board.lastSeq = seq;
    return seq;
  }

  async compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    this.assertOpen();
    const board = this.board(boardId);
    // A slower compaction finishing after a newer one must not roll the snapshot back.
    if (board.snapshotSeq > upToSeq) return;
    board.snapshot = snapshot.slice();
    board.snapshotSeq = upToSeq;
    board.updates = board.updates.filter((entry) => entry.seq > upToSeq);
  }

  async stats(boardId: string): Promise<DocStoreStats> {
    this.assertOpen();
    const board = this.boards.get(boardId);
    return {
      snapshotBytes: board?.snapshot?.byteLength ?? 0,
      logEntries: board?.updates.length ?? 0,
      logBytes: board?.updates.reduce((sum, entry) => sum + entry.update.byteLength, 0) ?? 0,
      lastSeq: board?.lastSeq ?? 0,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private board(boardId: string): MemoryBoard {
    let board = this.boards.get(boardId);
    if (!board) {
      board = { snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 };
      this.boards.set(boardId, board);
    }
    return board;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryDocStore is closed');
  }
}

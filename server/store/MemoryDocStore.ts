import type {
  AppendOrigin,
  CompactionHint,
  DocStore,
  DocStoreStats,
  RestorePoint,
  RestorePointInfo,
  RestorePointLabel,
  StoredDoc,
  StoredUpdate,
} from './DocStore';
import { mergeStoredDoc } from './mergeStoredDoc';

interface MemoryBoard {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  updates: (StoredUpdate & { origin: AppendOrigin })[];
  lastSeq: number;
  restorePoints: RestorePoint[];
}

/** A DocStore in process memory: for tests and throwaway demos; nothing survives a restart. */
export class MemoryDocStore implements DocStore {
  private readonly boards = new Map<string, MemoryBoard>();
  private nextSeq = 1;
  private nextRestorePointId = 1;
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

  async append(boardId: string, update: Uint8Array, origin: AppendOrigin): Promise<number> {
    this.assertOpen();
    const board = this.board(boardId);
    const seq = this.nextSeq++;
    // Copy: the caller's buffer may be reused, the store must keep what was appended.
    board.updates.push({ seq, update: update.slice(), origin: { ...origin } });
    board.lastSeq = seq;
    return seq;
  }

  async compact(boardId: string, hint?: CompactionHint): Promise<number> {
    this.assertOpen();
    const board = this.boards.get(boardId);
    if (!board) return 0;
    const covered = board.updates.at(-1)?.seq;
    if (covered === undefined) return board.snapshotSeq;
    board.snapshot =
      hint?.upToSeq === covered
        ? hint.state.slice()
        : mergeStoredDoc(board.snapshot, board.updates).state;
    board.snapshotSeq = covered;
    board.updates = board.updates.filter((entry) => entry.seq > covered);
    return covered;
  }

  async createRestorePoint(boardId: string, label: RestorePointLabel): Promise<RestorePointInfo> {
    this.assertOpen();
    const board = this.board(boardId);
    const { state, counts } = mergeStoredDoc(board.snapshot, board.updates);
    const info: RestorePointInfo = {
      id: this.nextRestorePointId++,
      boardId,
      createdAt: Date.now(),
      upToSeq: board.lastSeq,
      actor: label.actor,
      reason: label.reason,
      counts,
      bytes: state.byteLength,
    };
    board.restorePoints.push({ info, state });
    return { ...info, counts: { ...counts } };
  }

  async listRestorePoints(boardId: string): Promise<RestorePointInfo[]> {
    this.assertOpen();
    const points = this.boards.get(boardId)?.restorePoints ?? [];
    return points.map(({ info }) => ({ ...info, counts: { ...info.counts } })).reverse();
  }

  async readRestorePoint(boardId: string, id: number): Promise<RestorePoint | null> {
    this.assertOpen();
    const point = this.boards.get(boardId)?.restorePoints.find((p) => p.info.id === id);
    if (!point) return null;
    return {
      info: { ...point.info, counts: { ...point.info.counts } },
      state: point.state.slice(),
    };
  }

  async deleteRestorePoints(boardId: string, ids: readonly number[]): Promise<number> {
    this.assertOpen();
    const board = this.boards.get(boardId);
    if (!board) return 0;
    const before = board.restorePoints.length;
    board.restorePoints = board.restorePoints.filter((p) => !ids.includes(p.info.id));
    return before - board.restorePoints.length;
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
      board = { snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0, restorePoints: [] };
      this.boards.set(boardId, board);
    }
    return board;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryDocStore is closed');
  }
}

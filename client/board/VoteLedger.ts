import * as Y from 'yjs';
import { boardMaps, parseVoteKey } from '../../shared/board/boardDoc';
import { unvote, vote } from '../../shared/board/boardModel';

/** What the vote controls show, recomputed whenever the votes map changes. */
export interface VoteSnapshot {
  /** Dots on each card or cluster, from everyone. */
  totals: ReadonlyMap<string, number>;
  /** This person's dots on each card or cluster. */
  mine: ReadonlyMap<string, number>;
  /** This person's dots on the whole board. */
  used: number;
}

/**
 * One person's view of the board's votes: totals and their own dots, kept current from the
 * doc, and their vote and unvote through the shared model (one key per voter, so concurrent
 * votes of different people never overwrite each other).
 */
export class VoteLedger {
  private snapshot: VoteSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly onChange = () => {
    this.snapshot = this.compute();
    for (const listener of this.listeners) listener();
  };

  constructor(
    private readonly doc: Y.Doc,
    readonly voterId: string,
    private readonly origin: unknown,
  ) {
    this.snapshot = this.compute();
    boardMaps(doc).votes.observe(this.onChange);
  }

  dispose(): void {
    boardMaps(this.doc).votes.unobserve(this.onChange);
    this.listeners.clear();
  }

  getSnapshot = (): VoteSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Adds one dot; false when the budget is spent or the target is gone. */
  add(targetId: string, budget: number): boolean {
    return vote(this.doc, targetId, this.voterId, { budget }, this.origin);
  }

  /** Takes back one dot; false when this person had none there. */
  remove(targetId: string): boolean {
    return unvote(this.doc, targetId, this.voterId, this.origin);
  }

  private compute(): VoteSnapshot {
    const totals = new Map<string, number>();
    const mine = new Map<string, number>();
    let used = 0;
    boardMaps(this.doc).votes.forEach((count, key) => {
      const parsed = parseVoteKey(key);
      if (parsed === null || typeof count !== 'number' || !Number.isInteger(count) || count <= 0)
        return;
      totals.set(parsed.targetId, (totals.get(parsed.targetId) ?? 0) + count);
      if (parsed.voterId === this.voterId) {
        mine.set(parsed.targetId, (mine.get(parsed.targetId) ?? 0) + count);
        used += count;
      }
    });
    return { totals, mine, used };
  }
}

import type { StoredDoc, StoredUpdate } from '../store/DocStore';

/** Where a follower reads what it missed: the board's committed log (PostgreSQL). */
export interface CommittedLog {
  readSince(boardId: string, afterSeq: number): Promise<StoredUpdate[]>;
  head(boardId: string): Promise<number>;
  /** Snapshot and tail, for when a compaction folded the missing entries into the snapshot. */
  load?(boardId: string): Promise<StoredDoc | null>;
}

/** Who a follower says an update came from when it read it from the log, not from a peer. */
export const FROM_LOG = 'log';

/**
 * Applies one board's committed updates in sequence order, whatever order (or loss) the fan-out
 * delivers them in. Updates arrive from peers by pub/sub with their per-board seq: a duplicate
 * (seq already applied) is dropped; the next seq is applied at once; a seq past a gap is held and
 * the gap is filled from the log. `checkHead` catches a lost last message (nothing after it
 * would reveal the gap), and is what the instance falls back to when pub/sub is down.
 */
export class BoardLogFollower {
  private appliedSeq: number;
  private readonly held = new Map<number, { update: Uint8Array; from: string }>();
  private filling: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly boardId: string,
    startSeq: number,
    private readonly log: CommittedLog,
    private readonly apply: (update: Uint8Array, seq: number, from: string) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.appliedSeq = startSeq;
  }

  /** The highest seq applied so far: everything up to it is in the document. */
  get seq(): number {
    return this.appliedSeq;
  }

  /** Marks `seq` as applied by this instance itself (its own commit), so its echo is dropped. */
  markApplied(seq: number): void {
    if (seq === this.appliedSeq + 1) {
      this.appliedSeq = seq;
      this.drain();
    } else if (seq > this.appliedSeq + 1) {
      // Our own commit landed after peers' commits we have not seen yet: fetch those first.
      this.requestFill();
    }
  }

  /** An update the peer instance `from` committed with `seq`. */
  receive(seq: number, update: Uint8Array, from = FROM_LOG): void {
    if (this.stopped || seq <= this.appliedSeq) return;
    if (seq === this.appliedSeq + 1) {
      this.applyOne(seq, update, from);
      this.drain();
      return;
    }
    this.held.set(seq, { update, from });
    this.requestFill();
  }

  /** Compares with the log's head and fills what is missing (periodic check, pub/sub down). */
  async checkHead(): Promise<void> {
    if (this.stopped) return;
    await this.catchUp(await this.log.head(this.boardId));
  }

  /** Fills what is missing when the log's head (read elsewhere, for many boards) is ahead. */
  async catchUp(head: number): Promise<void> {
    if (!this.stopped && head > this.appliedSeq) await this.fill();
  }

  /** Stops applying; held updates are dropped (the document is being unloaded). */
  stop(): void {
    this.stopped = true;
    this.held.clear();
  }

  private requestFill(): void {
    void this.fill().catch(this.onError);
  }

  private fill(): Promise<void> {
    // One fill at a time; a request during a fill is answered by that fill plus a re-check.
    this.filling ??= (async () => {
      try {
        let missing = await this.log.readSince(this.boardId, this.appliedSeq);
        const first = missing[0]?.seq;
        if ((first === undefined || first > this.appliedSeq + 1) && this.log.load) {
          // The entries we lack may be compacted into the snapshot: take it (Yjs merges a
          // state it partly has), then the tail after it.
          const stored = await this.log.load(this.boardId);
          const snapshotSeq = stored?.snapshotSeq ?? 0;
          if (this.stopped) return;
          if (stored?.snapshot && snapshotSeq > this.appliedSeq) {
            this.applyOne(snapshotSeq, stored.snapshot, FROM_LOG);
            missing = stored.updates;
          }
        }
        for (const entry of missing) {
          if (this.stopped) return;
          if (entry.seq === this.appliedSeq + 1) this.applyOne(entry.seq, entry.update, FROM_LOG);
        }
        this.drain();
      } finally {
        this.filling = null;
      }
    })();
    return this.filling;
  }

  private drain(): void {
    for (;;) {
      const next = this.held.get(this.appliedSeq + 1);
      if (!next) break;
      this.applyOne(this.appliedSeq + 1, next.update, next.from);
    }
    for (const seq of this.held.keys()) if (seq <= this.appliedSeq) this.held.delete(seq);
  }

  private applyOne(seq: number, update: Uint8Array, from: string): void {
    this.held.delete(seq);
    this.appliedSeq = seq;
    this.apply(update, seq, from);
  }
}

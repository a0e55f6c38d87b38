import type { StoredUpdate } from '../store/DocStore';

/** Where a follower reads what it missed: the board's committed log (PostgreSQL). */
export interface CommittedLog {
  readSince(boardId: string, afterSeq: number): Promise<StoredUpdate[]>;
  head(boardId: string): Promise<number>;
}

/**
 * Applies one board's committed updates in sequence order, whatever order (or loss) the fan-out
 * delivers them in. Updates arrive from peers by pub/sub with their per-board seq: a duplicate
 * (seq already applied) is dropped; the next seq is applied at once; a seq past a gap is held and
 * the gap is filled from the log. `checkHead` catches a lost last message (nothing after it
 * would reveal the gap), and is what the instance falls back to when pub/sub is down.
 */
export class BoardLogFollower {
  private appliedSeq: number;
  private readonly held = new Map<number, Uint8Array>();
  private filling: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly boardId: string,
    startSeq: number,
    private readonly log: CommittedLog,
    private readonly apply: (update: Uint8Array, seq: number) => void,
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

  /** An update a peer committed with `seq`. */
  receive(seq: number, update: Uint8Array): void {
    if (this.stopped || seq <= this.appliedSeq) return;
    if (seq === this.appliedSeq + 1) {
      this.applyOne(seq, update);
      this.drain();
      return;
    }
    this.held.set(seq, update);
    this.requestFill();
  }

  /** Compares with the log's head and fills what is missing (periodic check, pub/sub down). */
  async checkHead(): Promise<void> {
    if (this.stopped) return;
    const head = await this.log.head(this.boardId);
    if (head > this.appliedSeq) await this.fill();
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
        const missing = await this.log.readSince(this.boardId, this.appliedSeq);
        for (const entry of missing) {
          if (this.stopped) return;
          if (entry.seq === this.appliedSeq + 1) this.applyOne(entry.seq, entry.update);
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
      this.applyOne(this.appliedSeq + 1, next);
    }
    for (const seq of this.held.keys()) if (seq <= this.appliedSeq) this.held.delete(seq);
  }

  private applyOne(seq: number, update: Uint8Array): void {
    this.held.delete(seq);
    this.appliedSeq = seq;
    this.apply(update, seq);
  }
}

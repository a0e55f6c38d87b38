/** How often a dragged card's position goes to the doc while the finger moves (ms). */
export const DRAG_WRITE_INTERVAL_MS = 100;

export interface MoveBatcherTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: MoveBatcherTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Holds the moves of shapes being dragged and hands them over at most once per interval, and
 * at once when asked (the drag ends, another change must not overtake them). Per shape it keeps
 * the record from before its first held move (`from`), so one write covers the whole stretch;
 * the position written is whatever the shape holds when the batch is written (the latest).
 */
export class MoveBatcher<T> {
  private readonly held = new Map<string, T>();
  private timer: unknown = null;

  constructor(
    /** Writes held moves: each shape id with its record from before the first held move. */
    private readonly write: (moves: ReadonlyMap<string, T>) => void,
    private readonly intervalMs = DRAG_WRITE_INTERVAL_MS,
    private readonly timers: MoveBatcherTimers = REAL_TIMERS,
  ) {}

  /** Holds a move of `id`; the first one since the last write starts the interval. */
  hold(id: string, from: T): void {
    if (!this.held.has(id)) this.held.set(id, from);
    this.timer ??= this.timers.set(() => {
      this.timer = null;
      this.flush();
    }, this.intervalMs);
  }

  /** True while a move of `id` waits to be written. */
  isHeld(id: string): boolean {
    return this.held.has(id);
  }

  /** Writes every held move now (nothing when none waits). */
  flush(): void {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
    if (this.held.size === 0) return;
    const moves = new Map(this.held);
    this.held.clear();
    this.write(moves);
  }

  /** Stops the timer; held moves are dropped (call `flush` first to keep them). */
  dispose(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.held.clear();
  }
}

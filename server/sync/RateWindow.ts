/** Counts events in fixed windows (e.g. awareness messages per second of one socket). */
export class RateWindow {
  private windowStart = 0;
  private count = 0;

  constructor(private readonly windowMs: number) {}

  /** Records one event at `now` and returns how many happened in the current window. */
  hit(now: number): number {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    return ++this.count;
  }
}

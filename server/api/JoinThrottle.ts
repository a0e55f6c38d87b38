import { RateLimiter } from './RateLimiter';

/**
 * Throttles wrong join codes per address, so a tablet cannot guess codes by brute force. Every
 * attempt counts as a wrong guess from the moment it starts, so parallel guesses cannot all pass
 * the check before any is counted; `forgive` takes back an attempt that was not a wrong code.
 * In one process (LocalJoinThrottle) or, in the scaled mode, counted across instances in Redis
 * (RedisJoinThrottle).
 */
export interface JoinThrottle {
  /** Counts an attempt by `key`; resolves to the milliseconds it must wait (0: go on). */
  attempt(key: string): Promise<number>;
  /** Takes back `key`'s attempt: it was not a wrong code (joined, or a malformed request). */
  forgive(key: string): Promise<void>;
}

/** Wrong join codes one address may try per window before it is throttled. */
export const JOIN_FAILURES_PER_WINDOW = 8;
export const JOIN_WINDOW_MS = 60_000;

/** The join throttle of one process: a sliding window per key. */
export class LocalJoinThrottle implements JoinThrottle {
  private readonly limiter: RateLimiter;

  constructor(
    readonly maxFailures = JOIN_FAILURES_PER_WINDOW,
    readonly windowMs = JOIN_WINDOW_MS,
    now: () => number = Date.now,
  ) {
    this.limiter = new RateLimiter(maxFailures, windowMs, now);
  }

  async attempt(key: string): Promise<number> {
    return this.attemptNow(key);
  }

  async forgive(key: string): Promise<void> {
    this.limiter.forgive(key);
  }

  /** The same as `attempt`, answered at once (for a caller falling back to this one). */
  attemptNow(key: string): number {
    const wait = this.limiter.retryAfterMs(key);
    if (wait === 0) this.limiter.fail(key);
    return wait;
  }
}

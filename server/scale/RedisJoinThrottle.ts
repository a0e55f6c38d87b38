import { LocalJoinThrottle, type JoinThrottle } from '../api/JoinThrottle';
import type { RedisFanout } from './RedisFanout';

/**
 * Counts the attempt and starts the window with the first one (INCR, PEXPIRE): one round trip.
 * Returns the count and the milliseconds left in the window.
 */
const ATTEMPT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
`;

/** Takes one attempt back, never below zero and never creating a key without a time to live. */
const FORGIVE_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

/** By default a join does not wait longer than this on a Redis that is slow to answer. */
const REDIS_ANSWER_MS = 250;

/**
 * The join throttle across instances (scaled mode): attempts per address are counted in Redis in a
 * fixed window from the first, so wrong codes tried on A and on B add up. Every attempt is also
 * counted in this process; when Redis does not answer (down, or slower than 250 ms) the
 * per-instance count decides: throttling is then per instance, and joins never wait on Redis.
 */
export class RedisJoinThrottle implements JoinThrottle {
  private readonly local: LocalJoinThrottle;

  constructor(
    private readonly fanout: RedisFanout,
    readonly maxFailures?: number,
    readonly windowMs?: number,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly answerMs = REDIS_ANSWER_MS,
  ) {
    this.local = new LocalJoinThrottle(maxFailures, windowMs);
  }

  async attempt(key: string): Promise<number> {
    const localWait = this.local.attemptNow(key);
    try {
      const answer = await withTimeout(
        this.fanout.evalOnKey(ATTEMPT_SCRIPT, keyOf(key), [this.local.windowMs]),
        this.answerMs,
      );
      const [count, ttl] = Array.isArray(answer) ? answer.map(Number) : [];
      if (count === undefined || ttl === undefined || !Number.isFinite(count)) return localWait;
      if (count <= this.local.maxFailures) return 0;
      return ttl > 0 ? ttl : this.local.windowMs;
    } catch (error) {
      this.onError(error);
      return localWait;
    }
  }

  async forgive(key: string): Promise<void> {
    await this.local.forgive(key);
    try {
      await withTimeout(this.fanout.evalOnKey(FORGIVE_SCRIPT, keyOf(key), []), this.answerMs);
    } catch (error) {
      this.onError(error);
    }
  }
}

function keyOf(address: string): string {
  return `join-throttle:${address}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis did not answer in time')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

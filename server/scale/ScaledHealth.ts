/** What /healthz adds in the scaled mode: the two services an instance depends on. */
export interface ScaledHealthReport {
  /** False only when PostgreSQL does not answer: the load balancer must take the instance out. */
  ok: boolean;
  problems: string[];
  postgres: 'up' | 'down';
  /** `off` without REDIS_URL; `down` is noted but keeps the instance in (it polls PostgreSQL). */
  redis: 'up' | 'down' | 'off';
  instance: string;
}

/**
 * A health check answers within this: HAProxy checks every second and marks an instance down
 * after two failures, so a PostgreSQL that hangs (not refuses) must fail the check, not stall it.
 */
export const DEFAULT_PING_TIMEOUT_MS = 1500;

/**
 * Checks PostgreSQL and Redis for /healthz. PostgreSQL down means the instance cannot store
 * anything (every room refuses updates with close 4504), so it reports not ok and the load
 * balancer sends the tablets elsewhere. Redis down is only noted: instances then follow each
 * other by polling PostgreSQL heads, slower but complete, so taking them all out would be worse.
 * Concurrent checks share one ping, so a burst of health checks costs one round trip.
 */
export class ScaledHealth {
  private inFlight: Promise<string | null> | null = null;

  constructor(
    private readonly options: {
      instanceId: string;
      /** Resolves when PostgreSQL answered a trivial query. */
      pingPostgres: () => Promise<void>;
      /** Whether Redis takes publishes now; null when the instance runs without Redis. */
      redisConnected: () => boolean | null;
      timeoutMs?: number;
    },
  ) {}

  async check(): Promise<ScaledHealthReport> {
    this.inFlight ??= this.pingOnce().finally(() => {
      this.inFlight = null;
    });
    const postgresProblem = await this.inFlight;
    const redis = this.options.redisConnected();
    const problems: string[] = [];
    if (postgresProblem) problems.push(postgresProblem);
    if (redis === false) problems.push('Redis unavailable: following other instances by polling');
    return {
      ok: postgresProblem === null,
      problems,
      postgres: postgresProblem === null ? 'up' : 'down',
      redis: redis === null ? 'off' : redis ? 'up' : 'down',
      instance: this.options.instanceId,
    };
  }

  /** Null when PostgreSQL answered in time, else what went wrong. */
  private async pingOnce(): Promise<string | null> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(
        () => resolve(`PostgreSQL did not answer within ${timeoutMs} ms`),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([
        this.options.pingPostgres().then(
          () => null,
          (error: unknown) =>
            `PostgreSQL unavailable: ${error instanceof Error ? error.message : String(error)}`,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

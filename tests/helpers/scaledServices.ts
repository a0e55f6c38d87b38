import net from 'node:net';

/** Where the scaled-mode tests find PostgreSQL and Redis (the CI machine runs both on loopback). */
export const TEST_DATABASE_URL =
  process.env.PAPAN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.PAPAN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether the scaled-mode tests can run. On a machine without PostgreSQL or Redis they are
 * skipped with a line saying why; with PAPAN_REQUIRE_SCALED=1 (set by .ci/run) a missing service
 * fails the run instead, so CI cannot pass by skipping them.
 */
export async function scaledServicesAvailable(needs: { redis?: boolean } = {}): Promise<boolean> {
  const missing: string[] = [];
  if (!(await reachable(TEST_DATABASE_URL))) missing.push(`PostgreSQL at ${TEST_DATABASE_URL}`);
  if (needs.redis && !(await reachable(TEST_REDIS_URL))) missing.push(`Redis at ${TEST_REDIS_URL}`);
  if (missing.length === 0) return true;
  const why = `scaled-mode tests need ${missing.join(' and ')}, which did not answer`;
  if (process.env.PAPAN_REQUIRE_SCALED === '1') throw new Error(`${why} (PAPAN_REQUIRE_SCALED=1)`);
  console.warn(`Skipping: ${why}. Set PAPAN_TEST_DATABASE_URL / PAPAN_TEST_REDIS_URL to run them.`);
  return false;
}

/** A schema name of its own for one test run, so runs side by side never meet. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

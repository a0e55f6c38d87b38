import { afterAll, describe, expect, it } from 'vitest';
import { ScaledHealth } from '../../server/scale/ScaledHealth';
import { RedisProcess } from '../helpers/redisProcess';
import { CLUSTER_ADMIN_TOKEN, dropSchemas, killAll, startInstance } from '../helpers/scaledCluster';
import {
  scaledServicesAvailable,
  TEST_DATABASE_URL,
  uniqueSchema,
} from '../helpers/scaledServices';
import type { ServerProcess } from '../helpers/serverProcess';
import { TcpProxy } from '../helpers/tcpProxy';
import { makeTempDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';

interface Health {
  ok: boolean;
  storage: string[];
  postgres?: string;
  redis?: string;
  instance?: string;
}

describe('ScaledHealth', () => {
  it('reports a PostgreSQL that hangs as down once the ping timeout passes', async () => {
    const health = new ScaledHealth({
      instanceId: 'i1',
      pingPostgres: () => new Promise(() => {}),
      redisConnected: () => true,
      timeoutMs: 20,
    });
    expect(await health.check()).toEqual({
      ok: false,
      problems: ['PostgreSQL did not answer within 20 ms'],
      postgres: 'down',
      redis: 'up',
      instance: 'i1',
    });
  });

  it('keeps an instance whose Redis is down in service, and says Redis is off without REDIS_URL', async () => {
    let redis: boolean | null = false;
    const health = new ScaledHealth({
      instanceId: 'i2',
      pingPostgres: () => Promise.resolve(),
      redisConnected: () => redis,
    });
    expect(await health.check()).toMatchObject({ ok: true, postgres: 'up', redis: 'down' });
    redis = null;
    expect(await health.check()).toMatchObject({ ok: true, problems: [], redis: 'off' });
  });

  it('shares one ping among checks that arrive together', async () => {
    let pings = 0;
    let answer: () => void = () => {};
    const health = new ScaledHealth({
      instanceId: 'i3',
      pingPostgres: () => {
        pings++;
        return new Promise<void>((resolve) => (answer = resolve));
      },
      redisConnected: () => null,
    });
    const checks = [health.check(), health.check(), health.check()];
    answer();
    expect((await Promise.all(checks)).every((report) => report.ok)).toBe(true);
    expect(pings).toBe(1);
  });
});

const available = await scaledServicesAvailable({ redis: true });
const schemas: string[] = [];
const processes: ServerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  await killAll(processes);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  if (available) await dropSchemas(schemas);
});

async function healthOf(instance: ServerProcess): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${instance.url}/healthz`);
  return { status: response.status, body: (await response.json()) as Health };
}

describe.runIf(available)('GET /healthz of a scaled instance', () => {
  it('answers 503 while PostgreSQL does not answer and 200 with redis "down" while only Redis is down', async () => {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(TEST_DATABASE_URL).port || 5432));
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const redis = await RedisProcess.start();
    cleanups.push(() => redis.stop());
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.port = String(proxy.port);
    const schema = uniqueSchema('papan_health');
    schemas.push(schema);
    const instance = await startInstance(
      { schema, dataDir: temp.dir, redisUrl: redis.url, databaseUrl: viaProxy.toString() },
      'health-1',
    );
    processes.push(instance);

    expect(await healthOf(instance)).toMatchObject({
      status: 200,
      body: { ok: true, postgres: 'up', redis: 'up', instance: 'health-1', storage: [] },
    });

    // Redis gone: the instance polls PostgreSQL, so it stays in the load balancer.
    await redis.stop();
    const redisDown = await waitFor(
      async () => {
        const health = await healthOf(instance);
        return health.body.redis === 'down' ? health : null;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'Redis reported down' },
    );
    expect(redisDown.status).toBe(200);
    expect(redisDown.body).toMatchObject({ ok: true, postgres: 'up' });
    expect(redisDown.body.storage.join('\n')).toMatch(/Redis unavailable/);

    // PostgreSQL gone as well: nothing can be stored here, so the load balancer must take the
    // instance out.
    await proxy.stop();
    const pgDown = await healthOf(instance);
    expect(pgDown.status).toBe(503);
    expect(pgDown.body).toMatchObject({ ok: false, postgres: 'down', redis: 'down' });
    expect(pgDown.body.storage.join('\n')).toMatch(/PostgreSQL (unavailable|did not answer)/);
    // The API says so too: 503 with a code the client words as "try again", not a 500.
    const exportWhileDown = await fetch(`${instance.url}/api/events/demo/issue-map.json`, {
      headers: { authorization: `Bearer ${CLUSTER_ADMIN_TOKEN}` },
    });
    expect(exportWhileDown.status).toBe(503);
    expect(exportWhileDown.headers.get('retry-after')).toBe('5');
    expect(((await exportWhileDown.json()) as { error: { code: string } }).error.code).toBe(
      'unavailable',
    );

    await proxy.start();
    await redis.restart();
    await waitFor(
      async () => {
        const health = await healthOf(instance);
        return health.status === 200 && health.body.redis === 'up';
      },
      { timeoutMs: 15_000, intervalMs: 200, what: 'the instance healthy again' },
    );
    const exportAgain = await fetch(`${instance.url}/api/events/demo/issue-map.json`, {
      headers: { authorization: `Bearer ${CLUSTER_ADMIN_TOKEN}` },
    });
    expect(exportAgain.status).toBe(200);
  }, 120_000);
});

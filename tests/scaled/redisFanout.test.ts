import { afterEach, describe, expect, it } from 'vitest';
import { RedisFanout } from '../../server/scale/RedisFanout';
import { RedisProcess, redisServerInstalled } from '../helpers/redisProcess';
import { waitFor } from '../helpers/waitFor';

const installed = await redisServerInstalled();
if (!installed) {
  if (process.env.PAPAN_REQUIRE_SCALED === '1') throw new Error('redis-server is not installed');
  console.warn(
    'Skipping: the Redis fan-out tests start their own redis-server, not installed here.',
  );
}

describe.skipIf(!installed)('RedisFanout on a real Redis', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup() {
    const redis = await RedisProcess.start();
    cleanups.push(() => redis.stop());
    const reconnects = { a: 0, b: 0 };
    const a = new RedisFanout({ url: redis.url, onReconnect: () => reconnects.a++ });
    const b = new RedisFanout({ url: redis.url, onReconnect: () => reconnects.b++ });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    await a.ready();
    await b.ready();
    return { redis, a, b, reconnects };
  }

  it('carries binary payloads from one instance to another, byte for byte', async () => {
    const { a, b } = await setup();
    const received: Buffer[] = [];
    b.subscribe('doc:board-1', (payload) => received.push(payload));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const payload = Uint8Array.from([0, 255, 1, 128, 10, 13]);
    expect(await a.publish('doc:board-1', payload)).toBe(true);
    await a.publish('doc:board-2', Uint8Array.of(9));
    await waitFor(() => received.length === 1);
    expect([...(received[0] ?? [])]).toEqual([...payload]);
  });

  it('drops messages while Redis is down instead of queueing them, and resubscribes when it is back', async () => {
    const { redis, a, b, reconnects } = await setup();
    const received: number[] = [];
    b.subscribe('doc:board-1', (payload) => received.push(payload[0] ?? -1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await redis.stop();
    await waitFor(() => !a.connected);
    expect(await a.publish('doc:board-1', Uint8Array.of(1))).toBe(false);
    await redis.restart();
    await waitFor(() => a.connected && reconnects.b > 0, { timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await a.publish('doc:board-1', Uint8Array.of(2))).toBe(true);
    await waitFor(() => received.includes(2));
    expect(received).toEqual([2]);
  });

  it('keeps a heartbeat key only while it is refreshed', async () => {
    const { a, b } = await setup();
    expect(await a.setWithTtl('instance:a', 'alive', 150)).toBe(true);
    expect(await b.exists('instance:a')).toBe(true);
    await waitFor(async () => (await b.exists('instance:a')) === false, { timeoutMs: 2000 });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { defaultControlState } from '../../shared/control';
import type { DocChangedNotice, FacilitatorCall } from '../../server/bus/BoardBus';
import { RedisBoardBus } from '../../server/bus/RedisBoardBus';
import { RedisFanout } from '../../server/scale/RedisFanout';
import { RedisProcess, redisServerInstalled } from '../helpers/redisProcess';
import { waitFor } from '../helpers/waitFor';

const installed = await redisServerInstalled();
if (!installed) {
  if (process.env.PAPAN_REQUIRE_SCALED === '1') throw new Error('redis-server is not installed');
  console.warn(
    'Skipping: the Redis board bus tests start their own redis-server, not installed here.',
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe.skipIf(!installed)('RedisBoardBus between two instances', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function twoInstances() {
    const redis = await RedisProcess.start();
    cleanups.push(() => redis.stop());
    const fanouts = [new RedisFanout({ url: redis.url }), new RedisFanout({ url: redis.url })];
    for (const fanout of fanouts) cleanups.push(() => fanout.close());
    await Promise.all(fanouts.map((fanout) => fanout.ready()));
    const [a, b] = fanouts.map((fanout, i) => new RedisBoardBus(fanout, `instance-${i}`));
    if (!a || !b) throw new Error('two buses expected');
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    await settle();
    return { a, b, publisher: fanouts[0] as RedisFanout };
  }

  it('carries control, facilitator calls and document notices to the other instance, once each', async () => {
    const { a, b } = await twoInstances();
    const controls: string[] = [];
    const calls: FacilitatorCall[] = [];
    const localControls: string[] = [];
    b.onControl((boardId, control) => controls.push(`${boardId}:${control.locked}`));
    a.onControl((boardId, control) => localControls.push(`${boardId}:${control.locked}`));
    b.onFacilitatorCall((call) => calls.push(call));
    a.publishControl('demo-juai', { ...defaultControlState(), locked: true });
    a.publishFacilitatorCall({ boardId: 'demo-juai', name: 'Meja 3', at: 1 });
    await waitFor(() => controls.length === 1 && calls.length === 1);
    await settle();
    expect(controls).toEqual(['demo-juai:true']);
    expect(localControls).toEqual(['demo-juai:true']);
    expect(calls).toEqual([{ boardId: 'demo-juai', name: 'Meja 3', at: 1 }]);
  });

  it('throttles document notices per board and does not relay notices about peer writes', async () => {
    const { a, b } = await twoInstances();
    const notices: DocChangedNotice[] = [];
    b.onDocChanged((notice) => notices.push(notice));
    for (let i = 0; i < 50; i++)
      a.publishDocChanged({ boardId: 'demo-juai', origin: 'client', at: i });
    a.publishDocChanged({ boardId: 'demo-awayan', origin: 'peer', at: 99 });
    await waitFor(() => notices.some((n) => n.at === 49), { what: 'the trailing notice' });
    await settle();
    expect(notices.map((n) => n.at)).toEqual([0, 49]);
  });

  it('ignores garbage and forged board ids on its channels', async () => {
    const { b, publisher } = await twoInstances();
    const controls: string[] = [];
    b.onControl((boardId) => controls.push(boardId));
    await publisher.publish('bus:control', Buffer.from('not json'));
    await publisher.publish(
      'bus:control',
      Buffer.from(JSON.stringify({ from: 'x', body: { boardId: '../etc', control: {} } })),
    );
    await publisher.publish(
      'bus:control',
      Buffer.from(
        JSON.stringify({
          from: 'x',
          body: { boardId: 'ok-board', control: defaultControlState() },
        }),
      ),
    );
    await waitFor(() => controls.length === 1);
    expect(controls).toEqual(['ok-board']);
  });
});

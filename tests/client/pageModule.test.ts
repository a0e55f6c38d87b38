import { describe, expect, test } from 'vitest';
import { startModuleLoad, watchModuleLoad } from '../../client/app/pageModule';

describe('loading a page’s code', () => {
  test('one load per importer, however often asked; ready with the module once it arrives', async () => {
    let calls = 0;
    let arrive: (m: { Page: string }) => void = () => undefined;
    const importer = () => {
      calls++;
      return new Promise<{ Page: string }>((resolve) => (arrive = resolve));
    };
    const first = startModuleLoad(importer);
    const again = startModuleLoad(importer);
    expect(again).toBe(first);
    expect(calls).toBe(1);
    expect(first.current).toEqual({ state: 'loading' });
    arrive({ Page: 'board' });
    await first.settled;
    expect(first.current).toEqual({ state: 'ready', module: { Page: 'board' } });
    expect(startModuleLoad(importer).current).toEqual({
      state: 'ready',
      module: { Page: 'board' },
    });
    expect(calls).toBe(1);
  });

  test('a chunk that cannot be fetched is a failed load, not a page that waits forever', async () => {
    const error = new TypeError('Failed to fetch dynamically imported module');
    const load = startModuleLoad(() => Promise.reject(error));
    await load.settled;
    expect(load.current).toEqual({ state: 'failed', error });
  });

  test('a page that starts watching after its chunk arrived is still told (it would wait forever)', async () => {
    const load = startModuleLoad(() => Promise.resolve({ Page: 'canvas' }));
    await load.settled;
    let told = 0;
    watchModuleLoad(load, () => told++);
    await Promise.resolve();
    expect(told).toBe(1);
    // One that stopped watching before it arrived is not.
    let stale = 0;
    let arrive: () => void = () => undefined;
    const pending = startModuleLoad(() => new Promise<void>((resolve) => (arrive = resolve)));
    const stop = watchModuleLoad(pending, () => stale++);
    stop();
    arrive();
    await pending.settled;
    expect(stale).toBe(0);
  });
});

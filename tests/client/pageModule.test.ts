import { describe, expect, test } from 'vitest';
import { startModuleLoad } from '../../client/app/pageModule';

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
});

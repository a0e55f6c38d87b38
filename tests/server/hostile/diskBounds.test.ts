import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  joinAsParticipant,
  openHostileSocket,
  settle,
  splitUpdate,
} from '../../helpers/hostileParticipant';
import { startTestPapan, type TestPapan } from '../../helpers/testPapan';
import { waitFor } from '../../helpers/waitFor';

let t: TestPapan | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

const BOARD = 'demo-juai';

describe('held-back updates and the disk', () => {
  it('stores a held-back update once however often it is resent (finding 6)', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    await t.papan.registry.use(BOARD, () => undefined);
    const big = 'x'.repeat(4000);
    const { first, second } = splitUpdate(
      616_161,
      (doc) => doc.getMap('canvas').set('shape:gap', { id: 'shape:gap', type: 'draw' }),
      (doc) => {
        for (let i = 0; i < 64; i++) {
          doc.getMap('canvas').set(`shape:p${i}`, { id: `shape:p${i}`, type: 'text', big });
        }
      },
    );
    const socket = await openHostileSocket(t, BOARD, token);
    const before = await t.papan.store.stats(BOARD);
    for (let i = 0; i < 12; i++) {
      socket.sendUpdate(second);
      await settle(t, BOARD);
    }
    const after = await t.papan.store.stats(BOARD);
    expect(after.logEntries - before.logEntries).toBe(1);
    expect(after.logBytes - before.logBytes).toBeLessThan(second.byteLength * 1.5);
    // And the held-back part still lands once its gap is filled.
    socket.sendUpdate(first);
    const room = t.papan.registry.get(BOARD)!;
    await waitFor(() => room.doc.getMap('canvas').has('shape:p63'), { what: 'release' });
    expect(room.doc.store.pendingStructs).toBeNull();
    socket.ws.close();
  });

  it('compacts by bytes as well as by count', async () => {
    t = await startTestPapan({ env: { COMPACT_EVERY: '100000' } });
    const room = await t.papan.registry.use(BOARD, (r) => r);
    const chunk = 'y'.repeat(1024 * 1024);
    for (let i = 0; i < 18; i++) {
      await room.change((doc) => doc.getMap('canvas').set(`shape:b${i}`, { id: 'x', chunk }));
    }
    await waitFor(async () => (await t!.papan.store.stats(BOARD)).logEntries < 18, {
      what: 'compaction by bytes',
      timeoutMs: 20_000,
    });
    expect(Y.encodeStateAsUpdate(room.doc).byteLength).toBeGreaterThan(18 * 1024 * 1024);
  });
});

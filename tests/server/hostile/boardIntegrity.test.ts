import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../shared/protocol';
import { manyEntries, nestMaps } from '../../helpers/hostileDocs';
import {
  issueMapJson,
  joinAsParticipant,
  openHostileSocket,
  settle,
} from '../../helpers/hostileParticipant';
import { upgradeStatus } from '../../helpers/rawSocket';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../../helpers/testPapan';
import { waitFor } from '../../helpers/waitFor';

let t: TestPapan | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

const BOARD = 'demo-juai';

/** An update a fresh client makes with `change` (its clocks start at 0). */
function updateOf(change: (doc: Y.Doc) => void, clientId = 515_151): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  change(doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function logEntries(t: TestPapan): Promise<number> {
  return (await t.papan.store.stats(BOARD)).logEntries;
}

describe('a hostile participant and the board', () => {
  it('cannot rewrite the board identity: meta is put back, stored and exported as before (finding 2)', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    const room = await t.papan.registry.use(BOARD, (r) => r);
    const title = room.doc.getMap('meta').get('title');
    const socket = await openHostileSocket(t, BOARD, token);
    socket.sendUpdate(
      updateOf((doc) => {
        const meta = doc.getMap('meta');
        meta.set('title', 'MODERATOR: papan ditutup');
        meta.set('kind', 'merged');
        meta.set('kecamatanKode', '99.99.99');
        doc.getMap('mergeRecord').set('forged', 1);
      }),
    );
    await settle(t, BOARD);
    expect(room.doc.getMap('meta').get('title')).toBe(title);
    expect(room.doc.getMap('meta').get('kind')).toBe('kecamatan');
    expect(room.doc.getMap('meta').get('kecamatanKode')).not.toBe('99.99.99');
    expect(room.doc.getMap('mergeRecord').has('forged')).toBe(false);
    const board = (await issueMapJson(t)).boards.find((b) => b.boardId === BOARD)!;
    expect(board.title).toBe(title);
    const metrics = await (await t.api('/metrics', { token: TEST_ADMIN_TOKEN })).text();
    expect(metrics).toMatch(
      /papan_write_rule_verdicts_total\{rule="server-maps",verdict="revert"\} 1/,
    );
    socket.ws.close();
  });

  it('cannot write under an unknown top-level name: refused, closed 4425, nothing stored', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    await t.papan.registry.use(BOARD, () => undefined);
    const before = await logEntries(t);
    const socket = await openHostileSocket(t, BOARD, token);
    socket.sendUpdate(updateOf((doc) => doc.getMap('zzz').set('a', 1)));
    expect((await socket.closed).code).toBe(CLOSE_CODES.forbiddenWrite);
    expect(await logEntries(t)).toBe(before);
    expect(t.papan.registry.get(BOARD)?.doc.share.has('zzz')).toBe(false);
  });

  it('cannot change a card field to another type: the card is put back', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    const room = await t.papan.registry.use(BOARD, (r) => r);
    const [cardId, card] = [...room.doc.getMap('cards').entries()][0] as [string, Y.Map<unknown>];
    const x = card.get('x');
    const socket = await openHostileSocket(t, BOARD, token);
    // A client that knows the card (it synced the board) and sets its x to a string.
    const hostile = new Y.Doc();
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(room.doc));
    const vector = Y.encodeStateVector(hostile);
    (hostile.getMap('cards').get(cardId) as Y.Map<unknown>).set('x', 'di luar papan');
    socket.sendUpdate(Y.encodeStateAsUpdate(hostile, vector));
    await settle(t, BOARD);
    expect((room.doc.getMap('cards').get(cardId) as Y.Map<unknown>).get('x')).toBe(x);
    socket.ws.close();
  });

  it('refuses a 5,000-deep nest at the door with 4421: nothing stored, exports still 200 (finding 3)', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    await t.papan.registry.use(BOARD, () => undefined);
    const before = await logEntries(t);
    const socket = await openHostileSocket(t, BOARD, token);
    socket.sendUpdate(updateOf((doc) => nestMaps(doc, doc.getMap('canvas'), 'shape:nest', 5000)));
    expect((await socket.closed).code).toBe(CLOSE_CODES.updateTooDeep);
    expect(await logEntries(t)).toBe(before);
    for (const format of ['json', 'csv', 'xlsx', 'md', 'html']) {
      const res = await t.api(`/api/events/demo/issue-map.${format}`, { token: TEST_ADMIN_TOKEN });
      expect(res.status).toBe(200);
    }
  });

  it('refuses 400,000 cheap entries with 4422 and 70,000 in one map with 4423 (finding 4)', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    await t.papan.registry.use(BOARD, () => undefined);
    const before = await logEntries(t);
    const first = await openHostileSocket(t, BOARD, token);
    first.sendUpdate(manyEntries(400_000, 'zzz'));
    expect((await first.closed).code).toBe(CLOSE_CODES.updateTooManyStructs);
    const second = await openHostileSocket(t, BOARD, token);
    second.sendUpdate(manyEntries(70_000, 'canvas', 434_343));
    expect((await second.closed).code).toBe(CLOSE_CODES.typeTooManyEntries);
    expect(await logEntries(t)).toBe(before);
    expect(
      (await t.api('/api/events/demo/issue-map.json', { token: TEST_ADMIN_TOKEN })).status,
    ).toBe(200);
  });

  it('refuses writes with 4507 while the disk is nearly full, and stores nothing', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    await t.papan.registry.use(BOARD, () => undefined);
    const before = await logEntries(t);
    // The free-space probe is the one thing faked: a test cannot fill the machine's disk.
    const store = t.papan.store as { acceptsWrites?: () => boolean };
    store.acceptsWrites = () => false;
    const socket = await openHostileSocket(t, BOARD, token);
    socket.sendUpdate(updateOf((doc) => doc.getMap('canvas').set('shape:a', { id: 'shape:a' })));
    const closed = await socket.closed;
    expect(closed.code).toBe(CLOSE_CODES.storageFull);
    expect(closed.reason).toMatch(/disk/);
    expect(await logEntries(t)).toBe(before);
  });

  it('answers a participant alike for a board that does not exist and one that is not theirs (finding 11)', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    const other = await upgradeStatus(`${t.syncUrl}/demo-halong?token=${token}`);
    const missing = await upgradeStatus(`${t.syncUrl}/no-such-board?token=${token}`);
    expect(other).toBe(403);
    expect(missing).toBe(other);
    await waitFor(
      async () =>
        (await upgradeStatus(`${t!.syncUrl}/no-such-board?token=${TEST_ADMIN_TOKEN}`)) === 404,
    );
  });
});

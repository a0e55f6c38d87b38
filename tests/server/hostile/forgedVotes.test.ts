import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { readBoard } from '../../../shared/board/readBoard';
import { CLOSE_CODES } from '../../../shared/protocol';
import {
  issueMapJson,
  joinAsParticipant,
  openHostileSocket,
  settle,
  splitUpdate,
} from '../../helpers/hostileParticipant';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../../helpers/testPapan';

let t: TestPapan | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

const BOARD = 'demo-juai';

/** Finding 1: dots under made-up voter ids, held back by Yjs until a harmless update lands. */
async function forgeThroughPending(t: TestPapan, forgedVoters: string[], ownDots: number) {
  const { token } = await joinAsParticipant(t, BOARD);
  const room = await t.papan.registry.use(BOARD, (r) => r);
  const target = [...room.doc.getMap('cards').keys()][0]!;
  const me = await (await t.api('/api/me', { token })).json();
  const voterId = (me as { voterId?: string }).voterId;
  const socket = await openHostileSocket(t, BOARD, token);
  const { first, second } = splitUpdate(
    424242,
    (doc) => doc.getMap('canvas').set('shape:harmless', { id: 'shape:harmless', type: 'draw' }),
    (doc) => {
      for (const voter of forgedVoters) doc.getMap('votes').set(`${target}/${voter}`, 99);
      if (voterId) doc.getMap('votes').set(`${target}/${voterId}`, ownDots);
    },
  );
  // The vote structs first: their clocks start past what the server has of this client, so
  // Yjs holds them back. Then the harmless part, which fills the gap and releases them.
  socket.sendUpdate(second);
  await settle(t, BOARD);
  socket.sendUpdate(first);
  await settle(t, BOARD);
  socket.ws.close();
  return { target, voterId };
}

function dotsOn(doc: Y.Doc, target: string): Map<string, number> {
  const board = readBoard(doc).board;
  const dots = new Map<string, number>();
  for (const vote of board.votes) {
    if (vote.targetId === target) dots.set(vote.voterId, vote.count);
  }
  return dots;
}

describe('forged votes through held-back updates', () => {
  it('puts back every released dot on a finished board (budget 0), in the store and the export', async () => {
    t = await startTestPapan();
    await t.api(`/api/boards/${BOARD}/control`, {
      token: TEST_ADMIN_TOKEN,
      body: { phase: 'selesai', timerSeconds: null },
    });
    const before = (await issueMapJson(t)).boards.find((b) => b.boardId === BOARD)!.summary.votes;
    const forged = Array.from({ length: 20 }, (_, i) => `v-forged${i}`);
    const { target } = await forgeThroughPending(t, forged, 3);

    const live = t.papan.registry.get(BOARD)!;
    expect(live.doc.getMap('canvas').has('shape:harmless')).toBe(true);
    for (const voter of forged) expect(dotsOn(live.doc, target).has(voter)).toBe(false);
    const after = (await issueMapJson(t)).boards.find((b) => b.boardId === BOARD)!.summary.votes;
    expect(after).toBe(before);

    // And what is stored: a fresh load from the SQLite file.
    await t.papan.registry.close();
    const stored = await t.papan.store.load(BOARD);
    const reloaded = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(reloaded, stored.snapshot);
    for (const { update } of stored?.updates ?? []) Y.applyUpdate(reloaded, update);
    expect(reloaded.store.pendingStructs).toBeNull();
    expect([...dotsOn(reloaded, target).keys()].filter((v) => forged.includes(v))).toEqual([]);
  });

  it('keeps one voter within a budget of 3 when the dots arrive held back', async () => {
    t = await startTestPapan();
    await t.api(`/api/boards/${BOARD}/control`, {
      token: TEST_ADMIN_TOKEN,
      body: { phase: 'pilih', voteBudget: 3, timerSeconds: null },
    });
    const { target, voterId } = await forgeThroughPending(t, ['v-forged0', 'v-forged1'], 99);
    const live = t.papan.registry.get(BOARD)!;
    const dots = dotsOn(live.doc, target);
    expect(dots.has('v-forged0')).toBe(false);
    expect(dots.has('v-forged1')).toBe(false);
    if (voterId) expect(dots.get(voterId) ?? 0).toBeLessThanOrEqual(3);
    const map = await issueMapJson(t);
    expect(map.boards.find((b) => b.boardId === BOARD)!.summary.votes).toBeLessThanOrEqual(
      readBoard(live.doc).board.votes.reduce((n, v) => n + v.count, 0),
    );
  });

  it("refuses structs waiting for the server's own next write (a put-back would release them unjudged)", async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD);
    const room = await t.papan.registry.use(BOARD, (r) => r);
    const target = [...room.doc.getMap('cards').keys()][0]!;
    // A copy that plays the server's next struct, then writes on top of it as another client.
    const copy = new Y.Doc();
    copy.clientID = room.doc.clientID;
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    copy.getMap('votes').set(`${target}/v-forged`, 1);
    const vector = Y.encodeStateVector(copy);
    copy.clientID = 737_373;
    copy.getMap('votes').set(`${target}/v-forged`, 99);
    const dependent = Y.encodeStateAsUpdate(copy, vector);
    const socket = await openHostileSocket(t, BOARD, token);
    socket.sendUpdate(dependent);
    expect((await socket.closed).code).toBe(CLOSE_CODES.forbiddenWrite);
    expect(room.doc.store.pendingStructs).toBeNull();
    // The server's next in-place write (a put-back) releases nothing.
    await room.write(
      (() => {
        const d = new Y.Doc();
        d.getMap('canvas').set('shape:z', { id: 'shape:z' });
        return Y.encodeStateAsUpdate(d);
      })(),
      { kind: 'server', actor: 'system', action: 'test' },
    );
    expect(dotsOn(room.doc, target).has('v-forged')).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverOrigin } from '../../server/sync/writeOrigin';
import { readBoard } from '../../shared/board/readBoard';
import { nestMaps } from '../helpers/hostileDocs';
import { makeTempDir } from '../helpers/tempDir';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../helpers/testPapan';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

const DEPTH = 5_000;
const FORMATS = ['json', 'csv', 'xlsx', 'md', 'html'] as const;
const SOURCES = ['demo-juai', 'demo-halong'];

let t: TestPapan | null = null;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await t?.close();
  t = null;
});

async function participantToken(papan: TestPapan, boardId: string): Promise<string> {
  return (
    await papan.papan.app.tokens.issue({
      role: 'participant',
      name: 'Mallory',
      eventId: 'demo',
      boardId,
    })
  ).token;
}

/** A stock y-websocket client that writes nests 5,000 deep into the canvas and into a card. */
async function plantNests(papan: TestPapan, boardId: string): Promise<void> {
  const client = connectClient(papan.syncUrl, boardId, {
    params: { token: await participantToken(papan, boardId) },
  });
  clients.push(client);
  await client.synced();
  const cards = client.doc.getMap<unknown>('cards');
  const card = cards.get(cards.keys().next().value as string);
  if (!(card instanceof Y.Map)) throw new Error('the demo board has no card');
  // The door now refuses such an update from any socket (close code 4421, see boardIntegrity
  // tests), so the nests go in the way a board stored before the limits would hold them.
  const before = Y.encodeStateVector(client.doc);
  nestMaps(client.doc, client.doc.getMap('canvas'), 'shape:nest', DEPTH);
  nestMaps(client.doc, card as Y.Map<unknown>, 'source', DEPTH);
  client.provider.disconnect();
  const nests = Y.encodeStateAsUpdate(client.doc, before);
  await papan.papan.registry.use(boardId, (room) =>
    room.write(nests, serverOrigin('system', 'stored-before-the-limits')),
  );
  await waitFor(
    () =>
      papan.papan.app.rooms.withBoardDoc(boardId, (doc) => doc.getMap('canvas').has('shape:nest')),
    { what: 'the nest on the server' },
  );
}

async function expectEventServed(papan: TestPapan, cards: number): Promise<void> {
  for (const format of FORMATS) {
    const res = await papan.api(`/api/events/demo/issue-map.${format}`, {
      token: TEST_ADMIN_TOKEN,
    });
    expect(res.status, format).toBe(200);
    await res.arrayBuffer();
  }
  const thumbnail = await papan.api('/api/boards/demo-juai/thumbnail.svg', {
    token: TEST_ADMIN_TOKEN,
  });
  expect(thumbnail.status).toBe(200);
  expect(await thumbnail.text()).toContain('<svg');
  const plan = await papan.api('/api/events/demo/merge/plan', {
    token: TEST_ADMIN_TOKEN,
    body: { boardIds: SOURCES },
  });
  expect(plan.status).toBe(200);
  const live = await papan.api('/api/events/demo/live', { token: TEST_ADMIN_TOKEN });
  const { boards } = (await live.json()) as {
    boards: { id: string; error: boolean; cards: number }[];
  };
  expect(boards.find((b) => b.id === 'demo-juai')).toMatchObject({ error: false, cards });
}

describe('a participant who writes maps nested 5,000 deep', () => {
  it('cannot take down the event: every export, the thumbnail, the merge plan and the console answer', async () => {
    t = await startTestPapan();
    const before = await t.papan.app.rooms.withBoardDoc('demo-juai', (doc) => readBoard(doc));
    await plantNests(t, 'demo-juai');
    await expectEventServed(t, before.board.cards.length);
    const after = await t.papan.app.rooms.withBoardDoc('demo-juai', (doc) => readBoard(doc));
    expect(after.board.cards.map((c) => c.id)).toEqual(before.board.cards.map((c) => c.id));
    expect(after.report.skipped.canvas).toBe(1);
    // Reading 5,000-deep nests (bounded, but walked) takes ~20 s alone and more on a busy machine.
  }, 120_000);

  it('leaves a board that loads again after a restart, with its cards', async () => {
    const temp = makeTempDir();
    t = await startTestPapan({ dataDir: temp.dir });
    const cards = await t.papan.app.rooms.withBoardDoc(
      'demo-juai',
      (doc) => readBoard(doc).board.cards.length,
    );
    await plantNests(t, 'demo-juai');
    await t.close({ keepData: true });
    t = await startTestPapan({ dataDir: temp.dir });
    const reader = connectClient(t.syncUrl, 'demo-juai', {
      params: { token: await participantToken(t, 'demo-juai') },
    });
    clients.push(reader);
    await reader.synced();
    expect(readBoard(reader.doc).board.cards).toHaveLength(cards);
    expect(reader.closes).toEqual([]);
    await expectEventServed(t, cards);
    temp.remove();
  }, 120_000);
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCard, vote } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import type { BoardControl, PapanServerMessage } from '../../shared/protocol';
import { listenForPapan, sayHello } from '../helpers/papanClient';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../helpers/testPapan';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

let t: TestPapan;
const clients: TestClient[] = [];
const author = { id: 'u', name: 'Ani' };

beforeEach(async () => {
  t = await startTestPapan({ env: { HEARTBEAT_MS: '100' } });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await t.close();
});

async function participant(boardId: string, name: string) {
  const { token, id } = await t.papan.app.tokens.issue({
    role: 'participant',
    name,
    eventId: 'demo',
    boardId,
  });
  const client = connectClient(t.syncUrl, boardId, { params: { token } });
  clients.push(client);
  const messages: PapanServerMessage[] = listenForPapan(client);
  await client.synced();
  sayHello(client);
  const control = await waitFor(() => messages.find((m) => m.type === 'control'), {
    what: 'control',
  });
  return { client, messages, tokenId: id, control: (control as { control: BoardControl }).control };
}

async function storedVotes(boardId: string) {
  return t.papan.app.rooms.withBoardDoc(boardId, (doc) => readBoard(doc).board.votes);
}

describe('dot votes are checked by the server', () => {
  it('counts votes under the connection own voter id within the budget', async () => {
    const ani = await participant('demo-juai', 'Ani');
    expect(ani.control.voterId).toMatch(/^v[0-9a-f]{20}$/);
    const card = addCard(ani.client.doc, {
      text: 'x',
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author,
    });
    expect(vote(ani.client.doc, card, ani.control.voterId!, { budget: 3 })).toBe(true);
    expect(vote(ani.client.doc, card, ani.control.voterId!, { budget: 3 })).toBe(true);
    await waitFor(async () => (await storedVotes('demo-juai')).some((v) => v.count === 2), {
      what: 'two dots stored',
    });
    expect(ani.messages.some((m) => m.type === 'refused')).toBe(false);
  });

  it('puts back forged voter ids and stuffed ballots, and the client is not stranded', async () => {
    const ani = await participant('demo-juai', 'Ani');
    const budi = await participant('demo-juai', 'Budi');
    const card = addCard(ani.client.doc, {
      text: 'isu',
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author,
    });
    await waitFor(() => budi.client.doc.getMap('cards').has(card), { what: 'card at Budi' });
    vote(budi.client.doc, card, budi.control.voterId!);
    await waitFor(async () => (await storedVotes('demo-juai')).length === 1, {
      what: 'Budi vote stored',
    });

    // Ani writes past the model: dots under other ids, and 50 dots of her own.
    const votes = ani.client.doc.getMap('votes');
    ani.client.doc.transact(() => {
      for (let i = 0; i < 20; i++) votes.set(`${card}/forged${i}`, 99);
    });
    ani.client.doc.transact(() => votes.set(`${card}/${budi.control.voterId}`, 99));
    ani.client.doc.transact(() => votes.set(`${card}/${ani.control.voterId}`, 50));
    await waitFor(
      () => ani.messages.filter((m) => m.type === 'refused' && m.reason === 'vote').length >= 3,
      {
        what: 'three refusals',
      },
    );
    await waitFor(
      async () => {
        const stored = await storedVotes('demo-juai');
        return (
          stored.length === 1 &&
          stored[0]!.voterId === budi.control.voterId &&
          stored[0]!.count === 1
        );
      },
      { what: 'only Budi one dot left' },
    );
    // Ani's later edits still reach everyone.
    const later = addCard(ani.client.doc, {
      text: 'sesudahnya',
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author,
    });
    await waitFor(() => budi.client.doc.getMap('cards').has(later), { what: 'later card' });
    await waitFor(() => ani.client.doc.getMap('votes').size === 1, {
      what: 'Ani sees the restored votes',
    });
  });

  it('takes no more votes when the board is finished', async () => {
    const ani = await participant('demo-halong', 'Ani');
    const card = addCard(ani.client.doc, {
      text: 'x',
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author,
    });
    await t.api('/api/boards/demo-halong/control', {
      token: TEST_ADMIN_TOKEN,
      body: { phase: 'selesai' },
    });
    await waitFor(
      () => ani.messages.some((m) => m.type === 'control' && m.control.phase === 'selesai'),
      { what: 'phase selesai', timeoutMs: 20_000 },
    );
    vote(ani.client.doc, card, ani.control.voterId!);
    // Generous waits: on a loaded CI machine other suites share the two cores with this server.
    await waitFor(() => ani.messages.some((m) => m.type === 'refused' && m.reason === 'vote'), {
      what: 'refused',
      timeoutMs: 20_000,
    });
    await waitFor(
      async () =>
        (await storedVotes('demo-halong')).length === 0 &&
        ani.client.doc.getMap('votes').size === 0,
      { what: 'no votes', timeoutMs: 20_000 },
    );
  }, 60_000);
});

describe('tokens on open sockets', () => {
  it('closes a socket with 4401 once its token is revoked', async () => {
    const ani = await participant('demo-awayan', 'Ani');
    await t.papan.app.tokens.revoke(ani.tokenId);
    await waitFor(() => ani.client.closes.some((c) => c.code === 4401), { what: '4401' });
    // And it cannot come back with that token.
    ani.client.provider.disconnect();
    const card = addCard(ani.client.doc, {
      text: 'x',
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author,
    });
    ani.client.provider.connect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stored = await t.papan.app.rooms.withBoardDoc('demo-awayan', (doc) =>
      doc.getMap('cards').has(card),
    );
    expect(stored).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createCluster, setCardCluster, vote } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

const author = { id: 'u1', name: 'Siti' };

describe('two stock y-websocket clients', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const client = (board: string) => {
    const c = connectClient(server.syncUrl, board);
    clients.push(c);
    return c;
  };

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  it('converge on cards, clusters and votes, while a client on another board sees nothing', async () => {
    server = await startTestServer();
    const alice = client('kec-paringin');
    const bob = client('kec-paringin');
    const stranger = client('kec-awayan');
    await Promise.all([alice.synced(), bob.synced(), stranger.synced()]);

    const cardA = addCard(alice.doc, {
      text: 'Jalan desa rusak',
      desaKode: null,
      bidang: null,
      x: 10,
      y: 20,
      author,
    });
    const cardB = addCard(bob.doc, {
      text: 'Air bersih belum ada',
      desaKode: null,
      bidang: null,
      x: 300,
      y: 20,
      author: { id: 'u2', name: 'Budi' },
    });
    const cluster = createCluster(bob.doc, { title: 'Infrastruktur', x: 0, y: 0, w: 800, h: 400 });
    await waitFor(() => alice.doc.getMap('clusters').has(cluster), { what: 'cluster at alice' });
    setCardCluster(alice.doc, cardA, cluster);
    await waitFor(() => bob.doc.getMap('cards').has(cardA), { what: 'card at bob' });
    expect(vote(alice.doc, cardB, 'u1')).toBe(true);
    expect(vote(bob.doc, cardB, 'u2')).toBe(true);
    expect(vote(bob.doc, cluster, 'u2')).toBe(true);

    await waitFor(
      () =>
        Y.encodeStateVector(alice.doc).toString() === Y.encodeStateVector(bob.doc).toString() &&
        bob.doc.getMap('votes').size === 3 &&
        alice.doc.getMap('votes').size === 3,
      { what: 'convergence' },
    );
    const a = readBoard(alice.doc).board;
    const b = readBoard(bob.doc).board;
    expect(a).toEqual(b);
    expect(a.cards.map((card) => card.text).sort()).toEqual([
      'Air bersih belum ada',
      'Jalan desa rusak',
    ]);
    expect(a.cards.find((card) => card.id === cardA)?.clusterId).toBe(cluster);
    expect(a.votes).toHaveLength(3);

    // The other board got nothing of it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stranger.doc.getMap('cards').size).toBe(0);
    expect(Y.decodeStateVector(Y.encodeStateVector(stranger.doc)).size).toBe(0);
  });

  it('a client joining later receives the whole board from the server', async () => {
    server = await startTestServer();
    const alice = client('kec-juai');
    await alice.synced();
    for (let i = 0; i < 20; i++) {
      addCard(alice.doc, { text: `kartu ${i}`, desaKode: null, bidang: null, x: i, y: i, author });
    }
    await waitFor(() => server.server.metrics.updatesIn >= 20, { what: 'updates stored' });
    const late = client('kec-juai');
    await late.synced();
    await waitFor(() => late.doc.getMap('cards').size === 20, { what: 'late join' });
    expect(readBoard(late.doc).board).toEqual(readBoard(alice.doc).board);
  });

  it('presence of a client reaches the other and disappears when it leaves', async () => {
    server = await startTestServer();
    const alice = client('kec-lampihong');
    const bob = client('kec-lampihong');
    await Promise.all([alice.synced(), bob.synced()]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Siti' });
    await waitFor(() => bob.provider.awareness.getStates().get(alice.doc.clientID), {
      what: 'presence at bob',
    });
    alice.provider.disconnect();
    await waitFor(() => !bob.provider.awareness.getStates().has(alice.doc.clientID), {
      what: 'presence removed',
    });
  });
});

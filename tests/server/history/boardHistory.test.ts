import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardHistory, type DeletionAlarm } from '../../../server/history/BoardHistory';
import { SqliteDocStore } from '../../../server/store/SqliteDocStore';
import { makeTempDir } from '../../helpers/tempDir';
import { startTestServer, type TestServer } from '../../helpers/testServer';
import { waitFor } from '../../helpers/waitFor';
import { connectClient, type TestClient } from '../../helpers/yClient';

const BOARD = 'kec-juai';

function addCard(doc: Y.Doc, id: string, text: string, clusterId: string | null = null): void {
  const card = new Y.Map<unknown>();
  card.set('text', text);
  card.set('x', 10);
  card.set('y', 20);
  card.set('clusterId', clusterId);
  card.set('author', { id: 'p1', name: 'Sari' });
  card.set('createdAt', 1);
  card.set('fromNewerClient', 'kept');
  doc.getMap('cards').set(id, card);
}

function cardTexts(doc: Y.Doc): string[] {
  return [...doc.getMap<Y.Map<unknown>>('cards').values()].map((c) => String(c.get('text'))).sort();
}

describe('board history on a running server', () => {
  let server: TestServer | null = null;
  let store: SqliteDocStore | null = null;
  let temp: ReturnType<typeof makeTempDir> | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close();
    await store?.close();
    temp?.remove();
    server = store = temp = null;
  });

  async function start(env: Record<string, string> = {}, now?: () => number) {
    temp = makeTempDir();
    store = SqliteDocStore.open(temp.dir);
    const history = new BoardHistory({
      store,
      config: { everyMinutes: 10, alarmCards: 5, alarmWindowSeconds: 10 },
      logger: pino({ level: 'silent' }),
      now,
    });
    server = await startTestServer({ store, hooks: [history.hooks()], env });
    const alarms: DeletionAlarm[] = [];
    history.onAlarm((alarm) => alarms.push(alarm));
    return { history, alarms, store, server };
  }

  function tablet(name: string): TestClient {
    const client = connectClient(server!.syncUrl, BOARD, { params: { name } });
    clients.push(client);
    return client;
  }

  it('a select-all delete raises the alarm with a point holding every card, and a restore brings them back live', async () => {
    const { history, alarms } = await start();
    const a = tablet('a');
    const b = tablet('b');
    await Promise.all([a.synced(), b.synced()]);
    a.doc.transact(() => {
      for (let i = 0; i < 8; i++) addCard(a.doc, `c${i}`, `Kartu ${i}`, i < 4 ? 'k1' : null);
      const cluster = new Y.Map<unknown>();
      cluster.set('title', 'Jalan desa');
      a.doc.getMap('clusters').set('k1', cluster);
      a.doc.getMap('votes').set('c1/v1', 3);
    });
    await waitFor(() => b.doc.getMap('cards').size === 8, { what: 'cards on b' });

    a.doc.transact(() => {
      for (const key of [...a.doc.getMap('cards').keys()]) a.doc.getMap('cards').delete(key);
    });
    const [alarm] = await waitFor(() => (alarms.length === 1 ? alarms : null), { what: 'alarm' });
    expect(alarm).toMatchObject({ boardId: BOARD, cards: 8 });
    await waitFor(() => b.doc.getMap('cards').size === 0, { what: 'deletion on b' });

    const point = await history.read(BOARD, alarm!.pointId);
    expect(point?.point).toMatchObject({
      reason: 'mass-deletion',
      counts: { cards: 8, clusters: 1, votes: 1 },
    });
    expect(cardTexts(point!.doc)).toHaveLength(8);
    point!.doc.destroy();

    const room = server!.server.registry.get(BOARD)!;
    const { undoPoint } = await history.restore(room, alarm!.pointId, 'moderator:Bu Rina');
    expect(undoPoint).toMatchObject({ reason: 'before-restore', counts: { cards: 0 } });
    for (const t of [a, b]) {
      await waitFor(() => t.doc.getMap('cards').size === 8, { what: 'cards back' });
      const card = t.doc.getMap<Y.Map<unknown>>('cards').get('c1')!;
      // Raw entries come back, fields a newer client wrote included.
      expect(card.get('clusterId')).toBe('k1');
      expect(card.get('fromNewerClient')).toBe('kept');
      expect(t.doc.getMap('votes').get('c1/v1')).toBe(3);
      expect(t.doc.getMap('clusters').size).toBe(1);
    }
    // The restore is a change through the room: the history lists it, newest first.
    const reasons = (await history.list(BOARD)).map((p) => p.reason);
    expect(reasons.slice(0, 2)).toEqual(['before-restore', 'mass-deletion']);
  });

  it('a few deletions raise no alarm', async () => {
    const { alarms, store: s } = await start();
    const a = tablet('a');
    await a.synced();
    a.doc.transact(() => {
      for (let i = 0; i < 6; i++) addCard(a.doc, `c${i}`, `Kartu ${i}`);
    });
    a.doc.getMap('cards').delete('c0');
    a.doc.getMap('cards').delete('c1');
    a.doc.getMap('cards').delete('c2');
    // Rewriting a card is not deleting it.
    addCard(a.doc, 'c3', 'Kartu 3 baru');
    await waitFor(async () => (await s.stats(BOARD)).lastSeq >= 5, { what: 'writes stored' });
    const room = server!.server.registry.get(BOARD)!;
    await room.flush();
    expect(alarms).toEqual([]);
    // Only the periodic point of the first change: no mass-deletion point.
    const reasons = (await s.listRestorePoints(BOARD)).map((p) => p.reason);
    expect(reasons).toEqual(['periodic']);
  });

  it('a tablet offline during a restore merges onto it on return: nothing lost, nothing duplicated', async () => {
    const { history, alarms } = await start();
    const a = tablet('a');
    const offline = tablet('offline');
    await Promise.all([a.synced(), offline.synced()]);
    a.doc.transact(() => {
      for (let i = 0; i < 6; i++) addCard(a.doc, `c${i}`, `Kartu ${i}`);
    });
    await waitFor(() => offline.doc.getMap('cards').size === 6, { what: 'cards offline tablet' });
    a.doc.transact(() => {
      for (const key of [...a.doc.getMap('cards').keys()]) a.doc.getMap('cards').delete(key);
    });
    await waitFor(() => alarms.length === 1, { what: 'alarm' });
    await waitFor(() => offline.doc.getMap('cards').size === 0, {
      what: 'deletion offline tablet',
    });

    offline.provider.disconnect();
    // While away, the tablet writes a new card the server has never seen.
    addCard(offline.doc, 'new-offline', 'Ditulis tanpa jaringan');
    const room = server!.server.registry.get(BOARD)!;
    await history.restore(room, alarms[0]!.pointId, 'moderator:Bu Rina');
    await waitFor(() => a.doc.getMap('cards').size === 6, { what: 'restore on a' });

    offline.provider.connect();
    const expected = [
      ...Array.from({ length: 6 }, (_, i) => `Kartu ${i}`),
      'Ditulis tanpa jaringan',
    ].sort();
    for (const t of [a, offline]) {
      await waitFor(() => t.doc.getMap('cards').size === 7, { what: 'merge after return' });
      expect(cardTexts(t.doc)).toEqual(expected);
    }
    expect(cardTexts(room.doc)).toEqual(expected);
  });

  it('makes a periodic point on the first change after the interval, not on every change', async () => {
    let now = 1_000_000_000_000;
    const { store: s } = await start({}, () => now);
    const a = tablet('a');
    await a.synced();
    addCard(a.doc, 'c1', 'Satu');
    await waitFor(async () => (await s.listRestorePoints(BOARD)).length === 1, {
      what: 'first point',
    });
    addCard(a.doc, 'c2', 'Dua');
    await waitFor(async () => (await s.stats(BOARD)).lastSeq >= 2, { what: 'second write' });
    await server!.server.registry.get(BOARD)!.flush();
    expect(await s.listRestorePoints(BOARD)).toHaveLength(1);
    now += 10 * 60_000;
    addCard(a.doc, 'c3', 'Tiga');
    const points = await waitFor(
      async () => {
        const list = await s.listRestorePoints(BOARD);
        return list.length === 2 ? list : null;
      },
      { what: 'second point' },
    );
    expect(points[0]).toMatchObject({ reason: 'periodic', actor: 'system', counts: { cards: 3 } });
  });
});

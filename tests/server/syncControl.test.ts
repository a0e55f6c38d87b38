import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_PAPAN, type PapanServerMessage } from '../../shared/protocol';
import { encodeSyncStep1 } from '../../server/sync/syncMessages';
import { listenForPapan, sayHello } from '../helpers/papanClient';
import { openRawSocket } from '../helpers/rawSocket';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

const ofType = <T extends PapanServerMessage['type']>(messages: PapanServerMessage[], type: T) =>
  messages.filter((m): m is Extract<PapanServerMessage, { type: T }> => m.type === type);

describe('server-side control and our own messages', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const client = (board: string, params?: Record<string, string>) => {
    const c = connectClient(server.syncUrl, board, { params });
    clients.push(c);
    return c;
  };

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  it('a client that says hello gets the control state now and on every change', async () => {
    server = await startTestServer();
    const tablet = client('kec-halong');
    const received = listenForPapan(tablet);
    await tablet.synced();
    sayHello(tablet);
    await waitFor(() => ofType(received, 'control').length === 1, { what: 'control' });
    expect(ofType(received, 'control')[0]?.control).toEqual({
      locked: false,
      phase: 'tulis',
      timerEndsAt: null,
      voteBudget: 3,
      readOnly: false,
      voterId: null,
    });
    const room = server.server.registry.get('kec-halong');
    room?.setControl({ phase: 'pilih', voteBudget: 5, timerEndsAt: 1_900_000_000_000 });
    await waitFor(() => ofType(received, 'control').length === 2, { what: 'control change' });
    expect(ofType(received, 'control')[1]?.control).toMatchObject({
      phase: 'pilih',
      voteBudget: 5,
    });
    expect(() => room?.setControl({ phase: 'bogus' as 'tulis' })).toThrow(/phase/);
  });

  it('saved messages carry the state vector of what the server stored', async () => {
    server = await startTestServer();
    const tablet = client('kec-tebing');
    const received = listenForPapan(tablet);
    await tablet.synced();
    sayHello(tablet);
    await waitFor(() => ofType(received, 'saved').length >= 1, { what: 'first saved' });
    for (let i = 0; i < 5; i++) tablet.doc.getMap('cards').set(`k${i}`, i);
    const local = Y.decodeStateVector(Y.encodeStateVector(tablet.doc));
    await waitFor(
      () => {
        const last = ofType(received, 'saved').at(-1);
        if (!last) return false;
        const stored = Y.decodeStateVector(Buffer.from(last.stateVector, 'base64'));
        return stored.get(tablet.doc.clientID) === local.get(tablet.doc.clientID);
      },
      { what: 'saved covering every change' },
    );
    // Coalesced per tick: fewer saved messages than changes.
    expect(ofType(received, 'saved').length).toBeLessThan(1 + 5);
    const stored = await server.server.store.load('kec-tebing');
    const restored = new Y.Doc();
    for (const { update } of stored?.updates ?? []) Y.applyUpdate(restored, update);
    expect(restored.getMap('cards').toJSON()).toEqual(tablet.doc.getMap('cards').toJSON());
  });

  it('a locked board refuses updates: hello clients are told, nothing is stored or relayed', async () => {
    server = await startTestServer();
    const writer = client('kec-batumandi');
    const watcher = client('kec-batumandi');
    const received = listenForPapan(writer);
    await Promise.all([writer.synced(), watcher.synced()]);
    sayHello(writer);
    writer.doc.getMap('cards').set('before', 'lock');
    await waitFor(() => watcher.doc.getMap('cards').has('before'), { what: 'before lock' });
    const before = await server.server.store.stats('kec-batumandi');

    server.server.registry.get('kec-batumandi')?.setControl({ locked: true });
    await waitFor(() => ofType(received, 'control').some((m) => m.control.locked));
    writer.doc.getMap('cards').set('during', 'lock');
    await waitFor(() => ofType(received, 'refused').length === 1, { what: 'refused' });
    expect(ofType(received, 'refused')[0]?.reason).toBe('locked');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(watcher.doc.getMap('cards').has('during')).toBe(false);
    expect(await server.server.store.stats('kec-batumandi')).toEqual(before);
    expect(server.server.metrics.refusedUpdates.get('locked')).toBe(1);
  });

  it('a read-only connection has its updates refused while others keep editing', async () => {
    server = await startTestServer({
      authorize: async (request) => {
        const readOnly = new URL(request.url ?? '/', 'http://x').searchParams.get('token') === 'ro';
        return { ok: true, readOnly, role: readOnly ? 'observer' : 'participant', subject: 't' };
      },
    });
    const viewer = client('kec-awayan', { token: 'ro' });
    const editor = client('kec-awayan', { token: 'rw' });
    const received = listenForPapan(viewer);
    await Promise.all([viewer.synced(), editor.synced()]);
    sayHello(viewer);
    await waitFor(() => ofType(received, 'control').length === 1);
    expect(ofType(received, 'control')[0]?.control.readOnly).toBe(true);
    viewer.doc.getMap('cards').set('sneaky', 'edit');
    await waitFor(() => ofType(received, 'refused').length === 1, { what: 'refused' });
    expect(ofType(received, 'refused')[0]?.reason).toBe('read-only');
    editor.doc.getMap('cards').set('legit', 'edit');
    await waitFor(() => viewer.doc.getMap('cards').has('legit'), { what: 'viewer sees edits' });
    expect(editor.doc.getMap('cards').has('sneaky')).toBe(false);
    const stored = await server.server.store.load('kec-awayan');
    expect(stored?.updates).toHaveLength(1);
  });

  it('a stock client that never says hello never receives a type-100 message', async () => {
    server = await startTestServer();
    const raw = await openRawSocket(`${server.syncUrl}/kec-juai`);
    raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    const tablet = client('kec-juai');
    const received = listenForPapan(tablet);
    await tablet.synced();
    sayHello(tablet);
    await waitFor(() => ofType(received, 'control').length === 1, { what: 'hello answered' });
    tablet.doc.getMap('cards').set('a', 1);
    server.server.registry.get('kec-juai')?.setControl({ phase: 'kelompokkan' });
    server.server.registry.get('kec-juai')?.broadcastPapan({ type: 'server-time', now: 1 });
    await waitFor(() => ofType(received, 'server-time').length === 1, { what: 'hello client' });
    await waitFor(() => raw.messages.some((m) => m[0] === 0 && m[1] === 2), { what: 'update' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(raw.messages.length).toBeGreaterThan(0);
    expect(raw.messages.filter((m) => m[0] === MESSAGE_PAPAN)).toEqual([]);
    raw.ws.close();
  });

  it('server code can change a board through the room and every client receives it', async () => {
    server = await startTestServer();
    const tablet = client('kec-paringin');
    await tablet.synced();
    await server.server.registry.use('kec-paringin', (room) =>
      room.change((doc) => doc.getMap('meta').set('title', 'Kecamatan Paringin')),
    );
    await waitFor(() => tablet.doc.getMap('meta').get('title') === 'Kecamatan Paringin');
    // Direct mutation of room.doc is also stored (the safety net), then relayed.
    const room = server.server.registry.get('kec-paringin');
    room?.doc.getMap('meta').set('kind', 'kecamatan');
    await waitFor(() => tablet.doc.getMap('meta').get('kind') === 'kecamatan');
    await room?.flush();
    expect((await server.server.store.stats('kec-paringin')).logEntries).toBe(2);
  });
});

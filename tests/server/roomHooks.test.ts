import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol';
import { MemoryDocStore } from '../../server/store/MemoryDocStore';
import type { AppendOrigin, StoredDoc } from '../../server/store/DocStore';
import type { Room } from '../../server/sync/Room';
import type { CommittedWrite } from '../../server/sync/RoomHooks';
import { encodeSyncStep1 } from '../../server/sync/syncMessages';
import { ACCEPT, refuse } from '../../server/sync/write/WriteRule';
import { serverOrigin } from '../../server/sync/writeOrigin';
import { openRawSocket } from '../helpers/rawSocket';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

/** A memory store that remembers the origin of every append and can hold loads back. */
class RecordingStore extends MemoryDocStore {
  origins: AppendOrigin[] = [];
  loadGate: Promise<void> = Promise.resolve();
  override async load(boardId: string): Promise<StoredDoc | null> {
    await this.loadGate;
    return super.load(boardId);
  }
  override async append(boardId: string, update: Uint8Array, origin: AppendOrigin) {
    this.origins.push(origin);
    return super.append(boardId, update, origin);
  }
}

describe('room hooks and write origins', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close();
    server = null;
  });

  it('runs onLoaded, afterCommit with origin and log position, and onUnload, in order', async () => {
    const store = new RecordingStore();
    const calls: string[] = [];
    const commits: CommittedWrite[] = [];
    server = await startTestServer({
      store,
      env: { ROOM_IDLE_MS: '50' },
      hooks: [
        {
          onLoaded: (room: Room) => void calls.push(`loaded ${room.boardId}`),
          afterCommit: (_room, write) => void commits.push(write),
          onUnload: (room: Room) => void calls.push(`unload ${room.boardId}`),
        },
      ],
    });
    const tablet = connectClient(server.syncUrl, 'kec-juai');
    clients.push(tablet);
    await tablet.synced();
    tablet.doc.getMap('cards').set('c1', 'Jalan rusak');
    await waitFor(() => commits.length === 1, { what: 'client commit' });
    expect(commits[0]).toMatchObject({ boardId: 'kec-juai', origin: { kind: 'client' } });
    expect(store.origins[0]).toEqual({ kind: 'client', actor: expect.any(String) });

    const room = server.server.registry.get('kec-juai');
    const seq = await room?.change(
      (doc) => doc.getMap('meta').set('title', 'Juai'),
      serverOrigin('moderator:sari', 'merge'),
    );
    expect(seq).toBe((await store.stats('kec-juai')).lastSeq);
    expect(commits[1]).toMatchObject({
      seq,
      origin: { kind: 'server', actor: 'moderator:sari', action: 'merge' },
    });
    expect(store.origins[1]).toEqual({ kind: 'server', actor: 'moderator:sari' });
    await waitFor(() => tablet.doc.getMap('meta').get('title') === 'Juai', { what: 'delivered' });
    // A change that changes nothing has no log position.
    expect(await room?.change(() => undefined)).toBeNull();

    tablet.destroy();
    clients.length = 0;
    await waitFor(() => calls.length === 2, { what: 'unload' });
    expect(calls).toEqual(['loaded kec-juai', 'unload kec-juai']);
  });

  it('applies a peer write under its own seq without storing it again', async () => {
    const store = new RecordingStore();
    server = await startTestServer({ store });
    const tablet = connectClient(server.syncUrl, 'kec-awayan');
    clients.push(tablet);
    await tablet.synced();
    const other = new Y.Doc();
    other.getMap('cards').set('dari', 'instans lain');
    const room = server.server.registry.get('kec-awayan');
    const seq = await room?.write(Y.encodeStateAsUpdate(other), {
      kind: 'peer',
      instanceId: 'b',
      seq: 42,
    });
    expect(seq).toBe(42);
    await waitFor(() => tablet.doc.getMap('cards').get('dari') === 'instans lain', {
      what: 'peer write delivered',
    });
    expect(store.origins).toEqual([]);
  });

  it('lets a beforeWrite rule refuse a client write: nothing stored, nothing relayed', async () => {
    server = await startTestServer({
      hooks: [
        {
          beforeWrite: [
            {
              name: 'no-meta',
              check: ({ touched, who }) =>
                who.kind === 'client' && touched.maps.has('meta') ? refuse('read-only') : ACCEPT,
            },
          ],
        },
      ],
    });
    const tablet = connectClient(server.syncUrl, 'kec-halong');
    clients.push(tablet);
    await tablet.synced();
    const other = connectClient(server.syncUrl, 'kec-halong');
    clients.push(other);
    await other.synced();
    tablet.doc.getMap('meta').set('title', 'palsu');
    const { metrics } = server.server;
    await waitFor(() => metrics.refusedUpdates.get('read-only') === 1, { what: 'refused' });
    expect((await server.server.store.stats('kec-halong')).logEntries).toBe(0);
    expect(other.doc.getMap('meta').get('title')).toBeUndefined();
  });

  it('closes a socket that sends too many messages while its board loads with its own code', async () => {
    const store = new RecordingStore();
    let release = () => {};
    store.loadGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    server = await startTestServer({ store, env: { MAX_QUEUED_BEFORE_LOAD: '3' } });
    const raw = await openRawSocket(`${server.syncUrl}/kec-tebing`);
    for (let i = 0; i < 5; i++) raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    expect((await raw.closed).code).toBe(CLOSE_CODES.tooManyWhileLoading);
    release();
  });
});

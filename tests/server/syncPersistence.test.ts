import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, moveCard } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import { CLOSE_CODES } from '../../shared/protocol';
import { MemoryDocStore } from '../../server/store/MemoryDocStore';
import type { AppendOrigin, DocStore, StoredDoc } from '../../server/store/DocStore';
import { encodeSyncStep1 } from '../../server/sync/syncMessages';
import { openRawSocket } from '../helpers/rawSocket';
import { makeTempDir } from '../helpers/tempDir';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

const author = { id: 'u1', name: 'Siti' };
const card = (doc: Y.Doc, text: string) =>
  addCard(doc, { text, desaKode: null, bidang: null, x: 0, y: 0, author });

/** A MemoryDocStore whose load can be held back or made to fail. */
class ControllableStore extends MemoryDocStore {
  loadGate: Promise<void> = Promise.resolve();
  failLoads = false;
  appendsTo = new Map<string, number>();
  override async load(boardId: string): Promise<StoredDoc | null> {
    await this.loadGate;
    if (this.failLoads) throw new Error('disk on fire');
    return super.load(boardId);
  }
  override async append(
    boardId: string,
    update: Uint8Array,
    origin: AppendOrigin,
  ): Promise<number> {
    this.appendsTo.set(boardId, (this.appendsTo.get(boardId) ?? 0) + 1);
    return super.append(boardId, update, origin);
  }
}

describe('persistence', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  const temps: ReturnType<typeof makeTempDir>[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
    server = null;
    for (const t of temps.splice(0)) t.remove();
  });

  it('a board survives a clean restart', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    server = await startTestServer({ dataDir: temp.dir });
    const tablet = connectClient(server.syncUrl, 'kec-paringin');
    clients.push(tablet);
    await tablet.synced();
    for (let i = 0; i < 30; i++) card(tablet.doc, `kartu ${i}`);
    const expected = readBoard(tablet.doc).board;
    await waitFor(() => server?.server.metrics.updatesIn === 30, { what: 'stored' });
    tablet.destroy();
    await server.close({ keepData: true });

    server = await startTestServer({ dataDir: temp.dir });
    const again = connectClient(server.syncUrl, 'kec-paringin');
    clients.push(again);
    await again.synced();
    await waitFor(() => again.doc.getMap('cards').size === 30, { what: 'reloaded' });
    expect(readBoard(again.doc).board).toEqual(expected);
  });

  it('a failed load closes the client with loadFailed and never stores an empty board', async () => {
    const store = new ControllableStore();
    store.failLoads = true;
    server = await startTestServer({ store });
    const tablet = connectClient(server.syncUrl, 'kec-halong');
    clients.push(tablet);
    card(tablet.doc, 'offline card');
    await waitFor(() => tablet.closes.some((c) => c.code === CLOSE_CODES.loadFailed), {
      what: 'loadFailed',
    });
    expect(tablet.provider.synced).toBe(false);
    expect(store.appendsTo.get('kec-halong')).toBeUndefined();
    expect(server.server.registry.roomCount).toBe(0);
    // 4500 is "try again later": once the store recovers, the same client reconnects and syncs.
    store.failLoads = false;
    await tablet.synced();
    await waitFor(() => store.appendsTo.get('kec-halong') === 1, { what: 'stored after retry' });
  });

  it('no sync reply is sent before the load finished, and early messages are not lost', async () => {
    const store = new ControllableStore();
    await store.append(
      'kec-juai',
      (() => {
        const d = new Y.Doc();
        d.getMap('cards').set('stored', 'before');
        return Y.encodeStateAsUpdate(d);
      })(),
      { kind: 'server', actor: 'test' },
    );
    let release = () => {};
    store.loadGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    server = await startTestServer({ store });
    const raw = await openRawSocket(`${server.syncUrl}/kec-juai`);
    raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(raw.messages).toEqual([]);
    release();
    // Step 1 from the server, then the step 2 answering ours, holding the stored card.
    await waitFor(() => raw.messages.some((m) => m[0] === 0 && m[1] === 1), { what: 'step 2' });
    const step2 = raw.messages.find((m) => m[0] === 0 && m[1] === 1);
    expect(step2 && step2.byteLength).toBeGreaterThan(10);
    raw.ws.close();
  });

  it('compaction keeps the board identical and shrinks the log', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    server = await startTestServer({ dataDir: temp.dir, env: { COMPACT_EVERY: '1000000' } });
    const tablet = connectClient(server.syncUrl, 'kec-tebing');
    clients.push(tablet);
    await tablet.synced();
    for (let i = 0; i < 50; i++) {
      const id = card(tablet.doc, `kartu ${i}`);
      moveCard(tablet.doc, id, i * 10 + 5, 0);
    }
    await waitFor(() => server?.server.metrics.updatesIn === 100, { what: 'stored' });
    const room = server.server.registry.get('kec-tebing');
    if (!room) throw new Error('room not loaded');
    const before = await server.server.store.stats('kec-tebing');
    const stateBefore = Y.encodeStateAsUpdate(room.doc);
    const boardBefore = readBoard(room.doc).board;
    await room.compact();
    const after = await server.server.store.stats('kec-tebing');
    expect(before.logEntries).toBe(100);
    expect(after.logEntries).toBe(0);
    expect(after.snapshotBytes).toBeLessThan(before.logBytes);

    const stored = await server.server.store.load('kec-tebing');
    const reloaded = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(reloaded, stored.snapshot);
    expect(Y.encodeStateAsUpdate(reloaded)).toEqual(stateBefore);
    expect(readBoard(reloaded).board).toEqual(boardBefore);
  });

  it('compacts in the background every COMPACT_EVERY updates', async () => {
    server = await startTestServer({ env: { COMPACT_EVERY: '10' } });
    const tablet = connectClient(server.syncUrl, 'kec-lampihong');
    clients.push(tablet);
    await tablet.synced();
    for (let i = 0; i < 25; i++) tablet.doc.getMap('cards').set(`k${i}`, i);
    await waitFor(async () => (await server?.server.store.stats('kec-lampihong'))?.snapshotBytes, {
      what: 'background snapshot',
    });
    await waitFor(async () => {
      const stats = await server?.server.store.stats('kec-lampihong');
      return stats && stats.logEntries < 10;
    });
  });

  it('an idle room unloads after the grace period, compacted, and reloads on the next join', async () => {
    server = await startTestServer({ env: { ROOM_IDLE_MS: '100' } });
    const tablet = connectClient(server.syncUrl, 'kec-awayan');
    await tablet.synced();
    tablet.doc.getMap('cards').set('a', 'kept');
    await waitFor(() => server?.server.metrics.updatesIn === 1);
    tablet.destroy();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.server.registry.roomCount).toBe(1);
    await waitFor(() => server?.server.registry.roomCount === 0, { what: 'unload' });
    await waitFor(async () => (await server?.server.store.stats('kec-awayan'))?.logEntries === 0, {
      what: 'compacted on unload',
    });
    const again = connectClient(server.syncUrl, 'kec-awayan');
    clients.push(again);
    await waitFor(() => again.doc.getMap('cards').get('a') === 'kept', { what: 'reload' });
  });

  it('the store is not touched by a board nobody edits', async () => {
    const store: DocStore = new ControllableStore();
    server = await startTestServer({ store });
    const tablet = connectClient(server.syncUrl, 'kec-kosong');
    clients.push(tablet);
    await tablet.synced();
    tablet.destroy();
    expect(await store.load('kec-kosong')).toBeNull();
  });
});

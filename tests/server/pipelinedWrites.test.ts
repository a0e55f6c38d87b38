import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol';
import { StoreUnavailableError, type AppendOrigin } from '../../server/store/DocStore';
import { MemoryDocStore } from '../../server/store/MemoryDocStore';
import { encodeAwarenessMessage, encodeSyncStep1 } from '../../server/sync/syncMessages';
import { revert, type WriteRule } from '../../server/sync/write/WriteRule';
import { openRawSocket, type RawSocket } from '../helpers/rawSocket';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

/**
 * A memory store whose appends can be held (they resolve only when released) or made to fail,
 * and that records which appends were issued in the same turn of the event loop (one pass).
 */
class HeldStore extends MemoryDocStore {
  private gate: Promise<void> | null = null;
  private open: () => void = () => {};
  failWith: Error | null = null;
  pending = 0;
  /** Appends issued together (same turn of the event loop), in order, by origin kind. */
  passes: AppendOrigin['kind'][][] = [];
  private currentPass: AppendOrigin['kind'][] | null = null;

  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.gate = null;
    this.open();
  }

  override async append(boardId: string, update: Uint8Array, origin: AppendOrigin) {
    if (!this.currentPass) {
      const pass: AppendOrigin['kind'][] = [];
      this.currentPass = pass;
      this.passes.push(pass);
      setImmediate(() => {
        if (this.currentPass === pass) this.currentPass = null;
      });
    }
    this.currentPass.push(origin.kind);
    this.pending++;
    try {
      if (this.gate) await this.gate;
      if (this.failWith) throw this.failWith;
      return await super.append(boardId, update, origin);
    } finally {
      this.pending--;
    }
  }
}

const BOARD = 'kec-juai';

/** The update payloads (sync step 2 and update messages) a raw socket received, in order. */
function syncPayloads(socket: RawSocket, subtype: 1 | 2): Uint8Array[] {
  return socket.messages.flatMap((message) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) return [];
    if (decoding.readVarUint(decoder) !== subtype) return [];
    return [decoding.readVarUint8Array(decoder)];
  });
}

function docOf(payloads: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const payload of payloads) Y.applyUpdate(doc, payload);
  return doc;
}

/**
 * A round trip the write path does not hold back: the socket announces a presence and asks for
 * everyone's; once the answer is in, everything the server sent before it is in too.
 */
async function roundTrip(socket: RawSocket, clientId: number): Promise<void> {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new Awareness(doc);
  awareness.setLocalState({ probe: true });
  socket.send(encodeAwarenessMessage(encodeAwarenessUpdate(awareness, [clientId])));
  const before = socket.messages.length;
  const query = encoding.createEncoder();
  encoding.writeVarUint(query, 3);
  socket.send(encoding.toUint8Array(query));
  await waitFor(() => socket.messages.slice(before).some((message) => message[0] === 1), {
    what: 'presence answer',
  });
  awareness.destroy();
  doc.destroy();
}

describe('pipelined writes: commit, then deliver', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];
  const sockets: RawSocket[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.ws.terminate();
    await server?.close();
    server = null;
  });

  async function observer(): Promise<RawSocket> {
    const socket = await openRawSocket(`${server!.syncUrl}/${BOARD}`);
    sockets.push(socket);
    return socket;
  }

  it('no client receives an update, and no joiner is synced with it, until its append resolves', async () => {
    const store = new HeldStore();
    server = await startTestServer({ store });
    const writer = connectClient(server.syncUrl, BOARD);
    clients.push(writer);
    await writer.synced();
    const watching = await observer();
    await roundTrip(watching, 9001);

    store.hold();
    writer.doc.getMap('cards').set('c1', 'Jalan rusak di Desa Juai');
    await waitFor(() => store.pending === 1, { what: 'append in flight' });
    const joiner = await observer();
    joiner.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await roundTrip(watching, 9002);
    await roundTrip(joiner, 9003);
    expect(syncPayloads(watching, 2)).toEqual([]);
    expect(syncPayloads(joiner, 1)).toEqual([]);

    store.release();
    await waitFor(() => syncPayloads(watching, 2).length === 1, { what: 'delivery' });
    expect(docOf(syncPayloads(watching, 2)).getMap('cards').get('c1')).toBe(
      'Jalan rusak di Desa Juai',
    );
    // The joiner's sync reply was answered after the commit, with the committed card in it.
    await waitFor(() => syncPayloads(joiner, 1).length === 1, { what: 'sync reply' });
    expect(docOf(syncPayloads(joiner, 1)).getMap('cards').get('c1')).toBe(
      'Jalan rusak di Desa Juai',
    );
  });

  it('when the append fails nothing is delivered, every client is closed with 4504, and the change lands once the store is back', async () => {
    const store = new HeldStore();
    server = await startTestServer({ store });
    const writer = connectClient(server.syncUrl, BOARD);
    clients.push(writer);
    await writer.synced();
    const watching = await observer();
    await roundTrip(watching, 9001);

    store.hold();
    store.failWith = new StoreUnavailableError('database down');
    writer.doc.getMap('cards').set('c1', 'Air bersih');
    await waitFor(() => store.pending === 1, { what: 'append in flight' });
    store.release();

    expect((await watching.closed).code).toBe(CLOSE_CODES.storeUnavailable);
    await waitFor(() => writer.closes.some((c) => c.code === CLOSE_CODES.storeUnavailable), {
      what: 'writer told',
    });
    expect(syncPayloads(watching, 2)).toEqual([]);
    expect(await store.load(BOARD)).toBeNull();

    // The store is back: the writer reconnects to a room loaded afresh and resends its change.
    store.failWith = null;
    await waitFor(async () => (await store.load(BOARD))?.updates.length === 1, {
      what: 'resent change stored',
      timeoutMs: 15_000,
    });
    const again = connectClient(server.syncUrl, BOARD);
    clients.push(again);
    await again.synced();
    await waitFor(() => again.doc.getMap('cards').get('c1') === 'Air bersih', {
      what: 'converged',
    });
  });

  it('a rule put-back lands right after its write when several updates commit in one pass', async () => {
    const store = new HeldStore();
    // Any write of "cards/forbidden" is put back (here: deleted again), whoever writes it.
    const forbidden: WriteRule = {
      name: 'forbidden',
      check: (write) =>
        revert(
          'server-owned',
          write.touched.maps.get('cards')?.has('forbidden')
            ? [{ map: 'cards', key: 'forbidden' }]
            : [],
        ),
    };
    server = await startTestServer({ store, hooks: [{ beforeWrite: [forbidden] }] });
    const writer = connectClient(server.syncUrl, BOARD);
    clients.push(writer);
    await writer.synced();
    const watching = connectClient(server.syncUrl, BOARD);
    clients.push(watching);
    await watching.synced();

    store.hold();
    const cards = writer.doc.getMap('cards');
    cards.set('first', 'held');
    await waitFor(() => store.pending === 1, { what: 'first append in flight' });
    // These queue behind the held commit and are staged together in the next pass.
    cards.set('forbidden', 'one');
    cards.set('ok-1', 'kept');
    cards.set('forbidden', 'two');
    cards.set('ok-2', 'kept too');
    const probe = await observer();
    await roundTrip(probe, 9004);
    store.release();

    const settled = (doc: Y.Doc) =>
      doc.getMap('cards').get('ok-2') === 'kept too' && !doc.getMap('cards').has('forbidden');
    await waitFor(() => settled(watching.doc) && settled(writer.doc), { what: 'put back' });
    const stored = docOf(
      ((await store.load(BOARD))?.updates ?? []).map(({ update }) => update),
    ).getMap('cards');
    expect(stored.toJSON()).toEqual({ first: 'held', 'ok-1': 'kept', 'ok-2': 'kept too' });
    // One pass held the four client updates and a put-back after each forbidden write.
    expect(store.passes).toContainEqual([
      'client',
      'server',
      'client',
      'client',
      'server',
      'client',
    ]);
  });

  it('a server read of the live board (an export) never sees a write whose append is in flight', async () => {
    const store = new HeldStore();
    server = await startTestServer({ store });
    const writer = connectClient(server.syncUrl, BOARD);
    clients.push(writer);
    await writer.synced();
    const registry = server.server.registry;
    const cardsNow = () =>
      registry.use(BOARD, (room) =>
        room.readCommitted((doc) => [...doc.getMap('cards').keys()].sort()),
      );
    writer.doc.getMap('cards').set('c0', 'Posyandu tidak ada');
    await waitFor(async () => (await cardsNow()).length === 1, { what: 'first card stored' });

    store.hold();
    writer.doc.getMap('cards').set('c1', 'Jalan rusak di Desa Juai');
    await waitFor(() => store.pending === 1, { what: 'append in flight' });
    let seen: string[] | null = null;
    const reading = cardsNow().then((cards) => (seen = cards));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The staged card is in the live doc, but the read waits for its commit.
    expect(seen).toBeNull();
    store.release();
    await reading;
    expect(seen).toEqual(['c0', 'c1']);

    // A pass that fails: the read waiting on it is rejected, it never sees the refused card.
    store.hold();
    store.failWith = new StoreUnavailableError('database down');
    writer.doc.getMap('cards').set('c2', 'Air bersih');
    await waitFor(() => store.pending === 1, { what: 'second append in flight' });
    const failing = cardsNow();
    const outcome = failing.then(
      (cards) => ({ cards }),
      (error: unknown) => ({ error }),
    );
    store.release();
    expect(await outcome).toEqual({ error: expect.any(StoreUnavailableError) });
  });
});

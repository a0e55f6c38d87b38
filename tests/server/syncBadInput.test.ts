import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol';
import { encodeSyncStep1, encodeUpdateMessage } from '../../server/sync/syncMessages';
import { openRawSocket, upgradeStatus } from '../helpers/rawSocket';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

function cardUpdate(doc: Y.Doc, id: string, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const card = new Y.Map<unknown>();
  doc.transact(() => {
    doc.getMap('cards').set(id, card);
    card.set('text', text);
  });
  return Y.encodeStateAsUpdate(doc, before);
}

describe('bad input on the sync endpoint', () => {
  let server: TestServer;
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  /** A healthy board with one stored card and a client on it, plus a client on another board. */
  async function withBystanders() {
    const board = connectClient(server.syncUrl, 'kec-target');
    const other = connectClient(server.syncUrl, 'kec-other');
    clients.push(board, other);
    await Promise.all([board.synced(), other.synced()]);
    board.doc.getMap('cards').set('first', 'kept');
    await waitFor(async () => (await server.server.store.stats('kec-target')).logEntries === 1, {
      what: 'first card stored',
    });
    return { board, other, before: await server.server.store.stats('kec-target') };
  }

  /** The bystanders still sync, and the target board's stored log did not change. */
  async function expectStillServing(
    bystanders: Awaited<ReturnType<typeof withBystanders>>,
  ): Promise<void> {
    const { board, other, before } = bystanders;
    expect(await server.server.store.stats('kec-target')).toEqual(before);
    const watcher = connectClient(server.syncUrl, 'kec-target');
    clients.push(watcher);
    await waitFor(() => watcher.doc.getMap('cards').get('first') === 'kept', { what: 'rejoin' });
    other.doc.getMap('cards').set('still', 'works');
    const otherWatcher = connectClient(server.syncUrl, 'kec-other');
    clients.push(otherWatcher);
    await waitFor(() => otherWatcher.doc.getMap('cards').get('still') === 'works', {
      what: 'other board still works',
    });
    board.doc.getMap('cards').set('after', 'yes');
    await waitFor(() => watcher.doc.getMap('cards').get('after') === 'yes', {
      what: 'target board still works',
    });
  }

  it('refuses invalid board ids with HTTP 400 and unknown paths with 404, before upgrading', async () => {
    server = await startTestServer();
    const base = server.syncUrl;
    for (const id of ['Kec-Caps', 'a'.repeat(65), '-leading', 'kec_under', '%6bec', 'a/b', '']) {
      expect(await upgradeStatus(`${base}/${id}`), id).toBe(400);
    }
    expect(await upgradeStatus(`${base.replace('/sync', '/elsewhere')}/kec-a`)).toBe(404);
    expect(await upgradeStatus(`${base}/kec-a`)).toBe(101);
  });

  it('answers the status that authorize gives, and never upgrades', async () => {
    server = await startTestServer({
      authorize: async () => ({ ok: false, status: 403, message: 'no' }),
    });
    expect(await upgradeStatus(`${server.syncUrl}/kec-a`)).toBe(403);
    expect(server.server.registry.roomCount).toBe(0);
  });

  const hostileFrames: [string, () => Uint8Array | string, number][] = [
    ['garbage bytes', () => new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 4400],
    [
      'a truncated sync message',
      () => encodeSyncStep1(Y.encodeStateVector(new Y.Doc())).slice(0, 2),
      4400,
    ],
    [
      'a sync message whose length runs past the end',
      () => new Uint8Array([0, 2, 50, 1, 2, 3]),
      4400,
    ],
    ['an unknown message type', () => new Uint8Array([7, 0]), 4400],
    ['an auth message from a client', () => new Uint8Array([2, 0]), 4400],
    ['an unknown sync subtype', () => new Uint8Array([0, 9, 0]), 4400],
    ['an empty frame', () => new Uint8Array(0), 4400],
    ['a text frame', () => 'hello', 4400],
    ['an update of garbage bytes', () => encodeUpdateMessage(new Uint8Array([9, 9, 9, 9])), 4400],
    [
      'an awareness update that is not JSON',
      () => {
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, 42);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, '{not json');
        const outer = encoding.createEncoder();
        encoding.writeVarUint(outer, 1);
        encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
        return encoding.toUint8Array(outer);
      },
      4400,
    ],
    [
      'a papan message that is not JSON',
      () => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 100);
        encoding.writeVarString(e, 'nope');
        return encoding.toUint8Array(e);
      },
      4400,
    ],
    [
      'a papan message of an unknown type',
      () => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 100);
        encoding.writeVarString(e, '{"type":"drop-tables"}');
        return encoding.toUint8Array(e);
      },
      4400,
    ],
    ['trailing bytes after a message', () => new Uint8Array([3, 0, 0]), 4400],
  ];

  for (const [name, frame, code] of hostileFrames) {
    it(`closes only the socket that sent ${name}, with ${code}`, async () => {
      server = await startTestServer();
      const bystanders = await withBystanders();
      const raw = await openRawSocket(`${server.syncUrl}/kec-target`);
      raw.send(frame());
      expect((await raw.closed).code).toBe(code);
      await expectStillServing(bystanders);
    });
  }

  it('closes a socket that sends a message over the size limit with 1009', async () => {
    server = await startTestServer({ env: { MAX_MESSAGE_BYTES: '2048' } });
    const bystanders = await withBystanders();
    const raw = await openRawSocket(`${server.syncUrl}/kec-target`);
    const doc = new Y.Doc();
    raw.send(encodeUpdateMessage(cardUpdate(doc, 'huge', 'x'.repeat(5000))));
    expect((await raw.closed).code).toBe(CLOSE_CODES.messageTooBig);
    await expectStillServing(bystanders);
  });

  it('refuses an update that would make the board too large with 4413 and stores nothing', async () => {
    server = await startTestServer({ env: { MAX_DOC_BYTES: '4096' } });
    const bystanders = await withBystanders();
    const raw = await openRawSocket(`${server.syncUrl}/kec-target`);
    raw.send(encodeUpdateMessage(cardUpdate(new Y.Doc(), 'big', 'x'.repeat(4500))));
    expect((await raw.closed).code).toBe(CLOSE_CODES.documentTooLarge);
    expect(server.server.metrics.refusedUpdates.get('document-too-large')).toBe(1);
    await expectStillServing(bystanders);
  });

  it('closes a socket that floods presence far above the rate limit with 4429', async () => {
    server = await startTestServer({
      env: { MAX_AWARENESS_PER_SECOND: '5', AWARENESS_FLOOD_PER_SECOND: '20' },
    });
    const bystanders = await withBystanders();
    const flooder = connectClient(server.syncUrl, 'kec-target');
    clients.push(flooder);
    await flooder.synced();
    for (let i = 0; i < 40; i++) flooder.provider.awareness.setLocalStateField('cursor', { x: i });
    await waitFor(() => flooder.closes.some((close) => close.code === 4429), { what: '4429' });
    expect(server.server.metrics.awarenessDropped).toBeGreaterThan(0);
    flooder.destroy();
    await expectStillServing(bystanders);
  });
});

import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAwarenessMessage } from '../../../server/sync/syncMessages';
import {
  MAX_AWARENESS_IDS_PER_SOCKET,
  MAX_FACILITATOR_CALLS_PER_MINUTE,
  MAX_SOCKETS_PER_TOKEN,
} from '../../../shared/limits';
import { CLOSE_CODES, MESSAGE_PAPAN, encodePapanMessage } from '../../../shared/protocol';
import { joinAsParticipant, openHostileSocket } from '../../helpers/hostileParticipant';
import type { RawSocket } from '../../helpers/rawSocket';
import { startTestPapan, type TestPapan } from '../../helpers/testPapan';
import { waitFor } from '../../helpers/waitFor';

let t: TestPapan | null = null;
const sockets: RawSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.ws.terminate();
  await t?.close();
  t = null;
});

const BOARD = 'demo-juai';

/** An awareness update speaking for `ids`, each with a fake name. */
function presenceFor(ids: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ids.length);
  for (const id of ids) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, JSON.stringify({ user: { name: `palsu ${id}` } }));
  }
  return encodeAwarenessMessage(encoding.toUint8Array(encoder));
}

/** Our type-100 messages a raw socket received, parsed. */
function papanMessages(socket: RawSocket): { type: string }[] {
  return socket.messages
    .filter((m) => m[0] === MESSAGE_PAPAN)
    .map((m) => {
      const decoder = new TextDecoder();
      // Type 100 is one varint byte, then the JSON as a length-prefixed string.
      const text = decoder.decode(m.subarray(2));
      return JSON.parse(text.slice(text.indexOf('{'))) as { type: string };
    });
}

describe('per-person limits', () => {
  it('one participant token holds at most MAX_SOCKETS_PER_TOKEN sockets; another tablet still joins (finding 7)', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD, 'Mallory');
    for (let i = 0; i < MAX_SOCKETS_PER_TOKEN; i++) {
      sockets.push(await openHostileSocket(t, BOARD, token));
    }
    const extra = await openHostileSocket(t, BOARD, token);
    sockets.push(extra);
    expect((await extra.closed).code).toBe(CLOSE_CODES.tooManySockets);
    const other = await joinAsParticipant(t, BOARD, 'Siti');
    const tablet = await openHostileSocket(t, BOARD, other.token);
    sockets.push(tablet);
    await waitFor(() => tablet.messages.length > 0, { what: 'sync step 1 for a real tablet' });
    // Closing one frees its place.
    sockets[0]!.ws.close();
    await sockets[0]!.closed;
    await waitFor(async () => {
      const again = await openHostileSocket(t!, BOARD, token);
      sockets.push(again);
      const outcome = await Promise.race([
        again.closed.then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('open'), 300)),
      ]);
      return outcome === 'open';
    });
  });

  it('one socket speaks for a few presence ids, never for thousands (finding 8)', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD, 'Mallory');
    const socket = await openHostileSocket(t, BOARD, token);
    sockets.push(socket);
    const room = await waitFor(() => t!.papan.registry.get(BOARD), { what: 'room' });
    socket.send(presenceFor(Array.from({ length: 50 }, (_, i) => 1000 + i)));
    for (let i = 0; i < 20; i++) socket.send(presenceFor([5000 + i]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(room.awareness.getStates().size).toBeLessThanOrEqual(MAX_AWARENESS_IDS_PER_SOCKET);
    expect(room.awareness.getStates().size).toBeGreaterThan(0);
  });

  it('facilitator calls: every one acknowledged, a few per minute relayed, names trimmed (finding 9)', async () => {
    t = await startTestPapan();
    const { token } = await joinAsParticipant(t, BOARD, 'Mallory');
    const socket = await openHostileSocket(t, BOARD, token);
    sockets.push(socket);
    const room = await waitFor(() => t!.papan.registry.get(BOARD), { what: 'room' });
    const relayed: string[] = [];
    room.onChange((event) => {
      if (event.kind === 'facilitator-call') relayed.push(event.name);
    });
    socket.send(encodePapanMessage({ type: 'hello' }));
    const name = `   MODERATOR:    evakuasi   ${'x'.repeat(200)}`;
    for (let i = 0; i < 200; i++)
      socket.send(encodePapanMessage({ type: 'call-facilitator', name }));
    await waitFor(
      () => papanMessages(socket).filter((m) => m.type === 'facilitator-called').length === 200,
      { what: 'an acknowledgement per call' },
    );
    expect(relayed).toHaveLength(MAX_FACILITATOR_CALLS_PER_MINUTE);
    expect(relayed[0]).toMatch(/^MODERATOR: evakuasi x+$/);
    expect(relayed[0]!.length).toBeLessThanOrEqual(80);
  });
});

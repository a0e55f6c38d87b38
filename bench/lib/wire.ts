import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

/**
 * The y-websocket wire format, written by hand so that a simulated client costs a few bytes
 * and no Awareness timers. `plain` is stock y-websocket (ours and @y/websocket-server);
 * `hocuspocus` prefixes every message with the document name and needs an auth message first.
 */
export type Framing = 'plain' | 'hocuspocus';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
/** Hocuspocus answers a client's sync step 1 with this type; the payload is a sync message. */
const HOCUSPOCUS_SYNC_REPLY = 4;

export type Incoming =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness' }
  | { kind: 'other' };

function start(framing: Framing, room: string, type: number): encoding.Encoder {
  const encoder = encoding.createEncoder();
  if (framing === 'hocuspocus') encoding.writeVarString(encoder, room);
  encoding.writeVarUint(encoder, type);
  return encoder;
}

/** Sync step 1: "here is my state vector, send me what I lack". */
export function encodeStep1(framing: Framing, room: string, stateVector: Uint8Array): Uint8Array {
  const encoder = start(framing, room, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2: the answer to the server's step 1. */
export function encodeStep2(framing: Framing, room: string, update: Uint8Array): Uint8Array {
  const encoder = start(framing, room, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A document update. */
export function encodeUpdate(framing: Framing, room: string, update: Uint8Array): Uint8Array {
  const encoder = start(framing, room, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** One client's awareness (presence) state, encoded as y-protocols/awareness does. */
export function encodeAwareness(
  framing: Framing,
  room: string,
  clientId: number,
  clock: number,
  state: unknown,
): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const encoder = start(framing, room, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** Hocuspocus' token message, which must come before anything else on a document. */
export function encodeHocuspocusAuth(room: string, token: string): Uint8Array {
  const encoder = start('hocuspocus', room, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, token);
  return encoding.toUint8Array(encoder);
}

/** Decodes what a server sends; anything not needed by the bench is `other`. */
export function decodeIncoming(framing: Framing, data: Uint8Array): Incoming {
  const decoder = decoding.createDecoder(data);
  if (framing === 'hocuspocus') decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_AWARENESS) return { kind: 'awareness' };
  const isSync =
    type === MESSAGE_SYNC || (framing === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY);
  if (!isSync) return { kind: 'other' };
  const syncType = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (syncType) {
    case syncProtocol.messageYjsSyncStep1:
      return { kind: 'step1', stateVector: payload };
    case syncProtocol.messageYjsSyncStep2:
      return { kind: 'step2', update: payload };
    case syncProtocol.messageYjsUpdate:
      return { kind: 'update', update: payload };
    default:
      return { kind: 'other' };
  }
}

/**
 * Edits carry `bt:<writer>:<epochMs>;` as their card text. Receivers find it by scanning the
 * update's bytes (Yjs stores strings as UTF-8), which costs far less than applying the update
 * to a Y.Doc, so thousands of simulated clients fit in the load generator.
 */
export function editMarker(writer: number, sentAt: number): string {
  return `bt:${writer}:${sentAt.toFixed(3)};`;
}

/** The writer and send time of the first edit marker in `bytes`, or null. */
export function findEditMarker(bytes: Uint8Array): { writer: number; sentAt: number } | null {
  return findEditMarkers(bytes)[0] ?? null;
}

/**
 * Every edit marker in `bytes`, in order. One update usually carries one edit, but a server may
 * relay several merged into one (Hocuspocus between instances sends a sync diff); each counts.
 */
export function findEditMarkers(bytes: Uint8Array): Array<{ writer: number; sentAt: number }> {
  const found: Array<{ writer: number; sentAt: number }> = [];
  const last = bytes.length - 4;
  for (let i = 0; i < last; i++) {
    if (bytes[i] !== 0x62 || bytes[i + 1] !== 0x74 || bytes[i + 2] !== 0x3a) continue;
    let j = i + 3;
    let writer = 0;
    while (j < bytes.length && bytes[j]! >= 0x30 && bytes[j]! <= 0x39) {
      writer = writer * 10 + (bytes[j]! - 0x30);
      j++;
    }
    if (bytes[j] !== 0x3a) continue;
    const from = ++j;
    while (j < bytes.length && bytes[j] !== 0x3b) j++;
    if (bytes[j] !== 0x3b) break;
    const sentAt = Number(String.fromCharCode(...bytes.subarray(from, j)));
    if (Number.isFinite(sentAt)) found.push({ writer, sentAt });
    i = j;
  }
  return found;
}

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_PAPAN,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  parsePapanClientMessage,
  type PapanClientMessage,
} from '../../shared/protocol';

// y-protocols/sync message subtypes.
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** One decoded message from a client. */
export type IncomingMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'papan'; message: PapanClientMessage };

/** A message that is not one we accept; the socket that sent it is closed with 4400. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  // lib0 would read past the end into the rest of the ArrayBuffer; refuse truncated frames.
  if (length > decoder.arr.length - decoder.pos) {
    throw new MalformedMessageError(`length ${length} runs past the end of the message`);
  }
  return decoding.readUint8Array(decoder, length);
}

function readMessageType(decoder: decoding.Decoder): number {
  if (!decoding.hasContent(decoder)) throw new MalformedMessageError('empty message');
  return decoding.readVarUint(decoder);
}

function parseBody(type: number, decoder: decoding.Decoder): IncomingMessage {
  switch (type) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP1) return { kind: 'sync-step1', stateVector: readBytes(decoder) };
      // Step 2 and plain updates are both "apply this update" for the server.
      if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
        return { kind: 'update', update: readBytes(decoder) };
      }
      throw new MalformedMessageError(`unknown sync message ${step}`);
    }
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', update: readBytes(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { kind: 'query-awareness' };
    case MESSAGE_PAPAN: {
      let raw: unknown;
      try {
        raw = JSON.parse(decoding.readVarString(decoder));
      } catch (error) {
        throw new MalformedMessageError(`bad papan JSON: ${String(error)}`);
      }
      const message = parsePapanClientMessage(raw);
      if (!message) throw new MalformedMessageError('unknown papan message');
      return { kind: 'papan', message };
    }
    case MESSAGE_AUTH:
    default:
      // Clients never send auth messages; anything else is unknown.
      throw new MalformedMessageError(`unknown message type ${type}`);
  }
}

/**
 * Decodes one client frame. Throws MalformedMessageError for garbage, truncated frames, trailing
 * bytes and unknown types. `bytes` must be a copy that owns its ArrayBuffer.
 */
export function parseIncomingMessage(bytes: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(bytes);
  let message: IncomingMessage;
  try {
    message = parseBody(readMessageType(decoder), decoder);
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(`undecodable message: ${String(error)}`);
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes');
  return message;
}

function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: "here is my state vector, send me what I miss". */
export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(SYNC_STEP1, stateVector);
/** Sync step 2: the answer to a step 1. */
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(SYNC_STEP2, update);
/** A live document update. */
export const encodeUpdateMessage = (update: Uint8Array) => encodeSync(SYNC_UPDATE, update);

/** An awareness (presence) update. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One committed update as instances publish it to each other: who, at which seq, what. */
export interface PeerUpdate {
  instanceId: string;
  seq: number;
  update: Uint8Array;
}

/** Encodes a committed update for the fan-out (binary: no base64 on the hot path). */
export function encodePeerUpdate(message: PeerUpdate): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, message.instanceId);
  encoding.writeVarUint(encoder, message.seq);
  encoding.writeVarUint8Array(encoder, message.update);
  return encoding.toUint8Array(encoder);
}

/** Decodes a fan-out message; null when it is not one (a foreign publisher on our channel). */
export function decodePeerUpdate(payload: Uint8Array): PeerUpdate | null {
  try {
    const decoder = decoding.createDecoder(payload);
    const instanceId = decoding.readVarString(decoder);
    const seq = decoding.readVarUint(decoder);
    const update = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder) || !Number.isSafeInteger(seq) || seq < 1) return null;
    return { instanceId, seq, update };
  } catch {
    return null;
  }
}

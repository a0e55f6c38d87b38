import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { checkUpdateShape, type ShapeLimits } from '../../../shared/board/checkUpdateShape';
import { measureUpdate } from '../../../shared/board/measureUpdate';
import { CLOSE_CODES, type RefusalReason } from '../../../shared/protocol';

/** Why a client update is turned away at the door, before it is stored or applied. */
export interface DoorRefusal {
  /** For metrics and logs: `shape:<limit>`, `server-client-id` or `undecodable`. */
  rule: string;
  reason: RefusalReason | null;
  close: { code: number; reason: string };
  detail?: unknown;
}

/**
 * The first, cheapest part of the door, run before the update is even decoded: the struct count
 * its header declares (400,000 cheap entries once stalled the server for seconds).
 */
export function checkHeader(update: Uint8Array, limits: ShapeLimits): DoorRefusal | null {
  return declaredStructs(update) > limits.structs ? tooManyStructs() : null;
}

/**
 * The door for a client's update, once it decodes: the shape limits measured with what it
 * releases from Yjs's pending queue, and no struct under the room's own client id or waiting
 * for one of its structs not yet written (the room writes only put-backs under it, and a
 * put-back would release such structs past the participant rules). Null: let it in.
 */
export function checkDoor(doc: Y.Doc, update: Uint8Array, limits: ShapeLimits): DoorRefusal | null {
  const serverClient = doc.clientID;
  const serverClock = Y.getState(doc.store, serverClient);
  const ahead = (client: number, clock: number) => client === serverClient && clock >= serverClock;
  let forgesServer = false;
  let violation;
  try {
    violation = checkUpdateShape(
      measureUpdate(doc, update, (struct) => {
        if (
          struct.client === serverClient ||
          ahead(struct.originClient, struct.originClock) ||
          ahead(struct.rightClient, struct.rightClock) ||
          ahead(struct.parentClient, struct.parentClock)
        ) {
          forgesServer = true;
        }
      }),
      limits,
    );
  } catch {
    return {
      rule: 'undecodable',
      reason: null,
      close: { code: CLOSE_CODES.malformedMessage, reason: 'undecodable document update' },
    };
  }
  if (forgesServer) {
    return {
      rule: 'server-client-id',
      reason: 'server-owned',
      close: {
        code: CLOSE_CODES.forbiddenWrite,
        reason: "write under or ahead of the server's client id",
      },
    };
  }
  if (!violation) return null;
  return {
    rule: `shape:${violation.limit}`,
    reason: 'update-shape',
    close: { code: violation.closeCode, reason: `update past the ${violation.limit} limit` },
    detail: violation,
  };
}

function tooManyStructs(): DoorRefusal {
  return {
    rule: 'shape:structs',
    reason: 'update-shape',
    close: { code: CLOSE_CODES.updateTooManyStructs, reason: 'update past the structs limit' },
  };
}

/**
 * The structs a v1 update declares for its first client, plus its client count, read from the
 * header alone: a lower bound of its size. Garbage reads as 0 and is left to the full decode.
 */
function declaredStructs(update: Uint8Array): number {
  try {
    const decoder = decoding.createDecoder(update);
    const clients = decoding.readVarUint(decoder);
    if (clients === 0) return 0;
    return clients + decoding.readVarUint(decoder);
  } catch {
    return 0;
  }
}

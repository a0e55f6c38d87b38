import * as encoding from 'lib0/encoding';
import type { ControlState } from './control';
import { MAX_NAME_LENGTH } from './limits';
/**
 * The sync wire protocol. Message types 0 to 3 are y-websocket's (sync, awareness, auth,
 * query-awareness), so the stock WebsocketProvider works unchanged. Type 100 is ours: a JSON
 * envelope that only clients which ask for it (by sending `hello`) ever receive.
 */

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_PAPAN = 100;

/** Board ids are checked, never rewritten. */
export const BOARD_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** True when `id` is a valid board id. */
export function isBoardId(id: unknown): id is string {
  return typeof id === 'string' && BOARD_ID_PATTERN.test(id);
}

/** Websocket close codes the server uses (4000-4999 are application codes). */
export const CLOSE_CODES = {
  /** Server shutting down; reconnect later. */
  goingAway: 1001,
  /** ws library: message larger than the message limit. */
  messageTooBig: 1009,
  /** The store refused an append: the update was not applied; the client keeps it and retries. */
  storeFailed: 1011,
  /** A message we could not decode (garbage bytes, truncated frame, unknown type). */
  malformedMessage: 4400,
  /** The access token was revoked or expired while connected. */
  unauthorized: 4401,
  /** The update would make the document larger than the document limit. */
  documentTooLarge: 4413,
  /** The socket's send buffer grew past the back-pressure limit (a client too slow to keep up). */
  tooSlow: 4408,
  /** Presence messages far above the rate limit. */
  awarenessFlood: 4429,
  /** More messages than a client may send before its board finished loading. */
  tooManyWhileLoading: 4430,
  /** The board could not be loaded from the store; never served as an empty board. */
  loadFailed: 4500,
  /** Too many connections to this board. */
  roomFull: 4503,
  /**
   * The database is unreachable (scaled mode): the update was not stored, not applied, not sent
   * to anyone; the client keeps it and resends when it reconnects.
   */
  storeUnavailable: 4504,
  /** The board was deleted or the room was unloaded by an operator. */
  roomClosed: 4410,
  /** An update nested deeper than MAX_UPDATE_DEPTH (shared/limits.ts). */
  updateTooDeep: 4421,
  /** An update with more structs and delete ranges than MAX_UPDATE_STRUCTS. */
  updateTooManyStructs: 4422,
  /** An update that would give one map or list more than MAX_TYPE_ENTRIES entries. */
  typeTooManyEntries: 4423,
  /** An update that would give the document more than MAX_DOC_STRUCTS structs. */
  documentTooManyStructs: 4424,
  /** A participant's write into a part of the board only the server writes, or of the wrong type. */
  forbiddenWrite: 4425,
  /** More sockets than one token or one address may hold open (MAX_SOCKETS_PER_TOKEN/_ADDRESS). */
  tooManySockets: 4426,
  /** The server's disk is nearly full: it takes no new writes until space is freed. */
  storageFull: 4507,
} as const;

export { BOARD_PHASES, type BoardPhase } from './control';

/** A board's control state as pushed to one connection that said hello. */
export interface BoardControl extends ControlState {
  /** True when this connection may not change the document (read-only token). */
  readOnly: boolean;
  /** The voter id this connection votes as (the server refuses dots under any other id). */
  voterId: string | null;
}

/** Messages of type MESSAGE_PAPAN from client to server. */
export type PapanClientMessage = { type: 'hello' } | { type: 'call-facilitator'; name: string };

/**
 * Why the server refused (or partly put back) a connection's update: a locked board, a read-only
 * token, the document size limit, or dots against the vote rules. Write rules add theirs here.
 */
export type RefusalReason =
  | 'locked'
  | 'read-only'
  | 'document-too-large'
  | 'vote'
  /** `meta` and `mergeRecord` are the server's (participants). */
  | 'server-owned'
  /** A top-level name outside the board layout (participants). */
  | 'unknown-top-level'
  /** A card or cluster field of the wrong type (participants). */
  | 'field-type'
  /** A "saya juga mengalami ini" support not the connection's own, or not on a card (participants). */
  | 'support'
  /** An update past a shape limit (depth, structs, entries): the socket is closed too. */
  | 'update-shape'
  /** The server's disk is nearly full: nothing new is stored until space is freed. */
  | 'storage-full';

/** Messages of type MESSAGE_PAPAN from server to client. */
export type PapanServerMessage =
  | { type: 'control'; control: BoardControl }
  /** The state vector of what the server has durably stored, base64. */
  | { type: 'saved'; stateVector: string }
  /** An update of this connection was refused, or part of it put back (see RefusalReason). */
  | { type: 'refused'; reason: RefusalReason }
  | { type: 'server-time'; now: number }
  /** The connection's "panggil fasilitator" arrived (sent for every call, relayed or not). */
  | { type: 'facilitator-called' };

/** Parses a client's MESSAGE_PAPAN JSON; null when it is not one we know. */
export function parsePapanClientMessage(raw: unknown): PapanClientMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const type = (raw as { type?: unknown }).type;
  if (type === 'hello') return { type: 'hello' };
  if (type === 'call-facilitator') {
    const name = (raw as { name?: unknown }).name;
    const text = typeof name === 'string' ? name.trim().slice(0, MAX_NAME_LENGTH) : '';
    return { type: 'call-facilitator', name: text };
  }
  return null;
}

/** Encodes one of our own messages, either direction: type 100 followed by its JSON as a string. */
export function encodePapanMessage(message: PapanClientMessage | PapanServerMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_PAPAN);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return encoding.toUint8Array(encoder);
}

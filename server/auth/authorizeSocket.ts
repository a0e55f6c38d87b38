import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { can } from '../../shared/roles';
import type { EventRepository } from '../events/EventRepository';
import type { Authorize } from '../sync/authorization';
import type { TokenRepository } from './TokenRepository';

/**
 * The sync socket's gate: the board must exist, the `token` query parameter must be valid, and its
 * principal may write (or, failing that, read: the connection is then read-only in the server).
 */
export function createSocketAuthorizer(
  events: EventRepository,
  tokens: TokenRepository,
): Authorize {
  return async (request: IncomingMessage, boardId: string) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const principal = await tokens.verify(url.searchParams.get('token'));
    if (principal === null)
      return { ok: false, status: 401, message: 'missing, invalid or expired token' };
    const board = await events.getBoard(boardId);
    // Only staff learn that a board does not exist: to any other token holder a missing board
    // and someone else's board answer alike, so board ids cannot be probed.
    if (board === null) {
      return principal.role === 'staff'
        ? { ok: false, status: 404, message: 'no such board' }
        : { ok: false, status: 403, message: 'token not valid for this board' };
    }
    const target = { eventId: board.eventId, boardId };
    const token = url.searchParams.get('token');
    const granted = {
      role: principal.role,
      subject: principal.name,
      voterId: voterIdOf(principal.tokenId),
      stillValid: async () => (await tokens.verify(token)) !== null,
    };
    if (can(principal, 'board:write', target)) return { ok: true, readOnly: false, ...granted };
    if (can(principal, 'board:read', target)) return { ok: true, readOnly: true, ...granted };
    return { ok: false, status: 403, message: 'token not valid for this board' };
  };
}

/** The voter id of a token: stable for the token, unguessable from outside, a valid record id. */
export function voterIdOf(tokenId: string): string {
  return `v${createHash('sha256').update(tokenId).digest('hex').slice(0, 20)}`;
}

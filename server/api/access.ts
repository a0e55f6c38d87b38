import type { FastifyRequest } from 'fastify';
import { can, type Action, type Principal } from '../../shared/roles';
import type { BoardRecord, EventRecord } from '../events/EventRepository';
import type { AppContext } from './AppContext';
import { ApiError } from './ApiError';
import { bearerToken } from './apiRequest';

/** The verified principal of a request, or null without a (valid) token. */
export function principalOf(ctx: AppContext, request: FastifyRequest): Principal | null {
  return ctx.tokens.verify(bearerToken(request));
}

/** Throws 401 without a valid token and 403 when the principal may not do `action` on the target. */
export function requireCan(
  principal: Principal | null,
  action: Action,
  target: { eventId: string | null; boardId?: string | null },
): Principal {
  if (principal === null)
    throw new ApiError('unauthorized', 'Token tidak ada, tidak sah atau kedaluwarsa');
  if (!can(principal, action, target))
    throw new ApiError('forbidden', 'Tidak berhak melakukan ini');
  return principal;
}

/** The event, or 404. */
export function eventOr404(ctx: AppContext, eventId: string): EventRecord {
  const event = ctx.events.getEvent(eventId);
  if (!event) throw new ApiError('not-found', 'Acara tidak ditemukan');
  return event;
}

/** The board, or 404. */
export function boardOr404(ctx: AppContext, boardId: string): BoardRecord {
  const board = ctx.events.getBoard(boardId);
  if (!board) throw new ApiError('not-found', 'Papan tidak ditemukan');
  return board;
}

/**
 * Loads the event of a board-scoped request and checks the principal, checking authentication
 * before existence so that nobody learns which boards exist without a token.
 */
export function authorizeBoard(
  ctx: AppContext,
  principal: Principal | null,
  action: Action,
  boardId: string,
): { board: BoardRecord; principal: Principal } {
  if (principal === null)
    throw new ApiError('unauthorized', 'Token tidak ada, tidak sah atau kedaluwarsa');
  const board = boardOr404(ctx, boardId);
  return { board, principal: requireCan(principal, action, { eventId: board.eventId, boardId }) };
}

/** The same for event-scoped requests. */
export function authorizeEvent(
  ctx: AppContext,
  principal: Principal | null,
  action: Action,
  eventId: string,
): { event: EventRecord; principal: Principal } {
  if (principal === null)
    throw new ApiError('unauthorized', 'Token tidak ada, tidak sah atau kedaluwarsa');
  const event = eventOr404(ctx, eventId);
  return { event, principal: requireCan(principal, action, { eventId }) };
}

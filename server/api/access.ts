import type { FastifyRequest } from 'fastify';
import { can, type Action, type Principal } from '../../shared/roles';
import type { BoardRecord, EventRecord } from '../events/EventRepository';
import type { AppContext } from './AppContext';
import { ApiError } from './ApiError';
import { bearerToken } from './apiRequest';

/** The verified principal of a request, or null without a (valid) token. */
export function principalOf(ctx: AppContext, request: FastifyRequest): Promise<Principal | null> {
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
export async function eventOr404(ctx: AppContext, eventId: string): Promise<EventRecord> {
  const event = await ctx.events.getEvent(eventId);
  if (!event) throw new ApiError('not-found', 'Acara tidak ditemukan');
  return event;
}

/** The board, or 404. */
export async function boardOr404(ctx: AppContext, boardId: string): Promise<BoardRecord> {
  const board = await ctx.events.getBoard(boardId);
  if (!board) throw new ApiError('not-found', 'Papan tidak ditemukan');
  return board;
}

/**
 * Loads the event of a board-scoped request and checks the principal, checking authentication
 * before existence so that nobody learns which boards exist without a token.
 */
export async function authorizeBoard(
  ctx: AppContext,
  principal: Principal | null,
  action: Action,
  boardId: string,
): Promise<{ board: BoardRecord; principal: Principal }> {
  if (principal === null)
    throw new ApiError('unauthorized', 'Token tidak ada, tidak sah atau kedaluwarsa');
  const board = await boardOr404(ctx, boardId);
  return { board, principal: requireCan(principal, action, { eventId: board.eventId, boardId }) };
}

/** The same for event-scoped requests. */
export async function authorizeEvent(
  ctx: AppContext,
  principal: Principal | null,
  action: Action,
  eventId: string,
): Promise<{ event: EventRecord; principal: Principal }> {
  if (principal === null)
    throw new ApiError('unauthorized', 'Token tidak ada, tidak sah atau kedaluwarsa');
  const event = await eventOr404(ctx, eventId);
  return { event, principal: requireCan(principal, action, { eventId }) };
}

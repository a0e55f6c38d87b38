import { z } from 'zod';
import { boardThumbnailSvg } from '../../shared/board/boardThumbnailSvg';
import { readBoard } from '../../shared/board/readBoard';
import type { Principal } from '../../shared/roles';
import { UnknownPointError } from '../history/BoardHistory';
import { restoreSummary } from '../history/restoreSummary';
import type { AppContext } from './AppContext';
import { authorizeBoard, eventOr404, principalOf } from './access';
import { ApiError } from './ApiError';
import { jsonBody } from './apiRequest';
import type { ApiRequest, ApiRoute } from './ApiRoute';

const NewPoint = z.strictObject({ label: z.string().trim().max(120).optional() });
const RestoreRequest = z.strictObject({ pointId: z.number().int().positive() });

/** How a principal is named in a restore point's "by". */
export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.name}`;
}

function parse<T>(schema: z.ZodType<T>, request: ApiRequest): T {
  const parsed = schema.safeParse(jsonBody(request));
  if (!parsed.success) {
    throw new ApiError('bad-request', 'Isi permintaan tidak sah', parsed.error.issues);
  }
  return parsed.data;
}

function pointIdOf(request: ApiRequest): number {
  const text = request.params.pointId ?? '';
  if (!/^[1-9]\d{0,14}$/.test(text)) throw new ApiError('not-found', 'Titik pulih tidak ditemukan');
  return Number(text);
}

/**
 * Board history for the moderator of the board's event (and staff), every change audited: the
 * restore points newest first, a point made now, what restoring a point would change (with a
 * thumbnail of the point), and the restore itself.
 */
export function historyRoutes(ctx: AppContext): ApiRoute[] {
  const authorize = async (request: ApiRequest) =>
    authorizeBoard(
      ctx,
      await principalOf(ctx, request),
      'board:control',
      request.params.boardId ?? '',
    );
  return [
    {
      method: 'GET',
      url: '/api/boards/:boardId/history',
      async handler(request, reply) {
        const { board } = await authorize(request);
        return reply.send({ points: await ctx.history.list(board.id) });
      },
    },
    {
      method: 'POST',
      url: '/api/boards/:boardId/history',
      async handler(request, reply) {
        const { board, principal } = await authorize(request);
        const { label } = parse(NewPoint, request);
        const point = await ctx.history.makePoint(
          board.id,
          actorOf(principal),
          'manual',
          label || null,
        );
        await ctx.audit.record(
          principal,
          'board.history.point',
          { eventId: board.eventId, boardId: board.id },
          { pointId: point.id, label: point.label },
        );
        return reply.code(201).send({ point });
      },
    },
    {
      method: 'GET',
      url: '/api/boards/:boardId/history/:pointId',
      async handler(request, reply) {
        const { board } = await authorize(request);
        const read = await ctx.history.read(board.id, pointIdOf(request));
        if (!read) throw new ApiError('not-found', 'Titik pulih tidak ditemukan');
        try {
          const { taxonomy } = await eventOr404(ctx, board.eventId);
          const then = readBoard(read.doc, { taxonomy }).board;
          const now = await ctx.rooms.withBoardDoc(
            board.id,
            (doc) => readBoard(doc, { taxonomy }).board,
          );
          return reply.send({
            point: read.point,
            summary: restoreSummary(now, then),
            thumbnailSvg: boardThumbnailSvg(then, taxonomy),
          });
        } finally {
          read.doc.destroy();
        }
      },
    },
    {
      method: 'POST',
      url: '/api/boards/:boardId/restore',
      async handler(request, reply) {
        const { board, principal } = await authorize(request);
        const { pointId } = parse(RestoreRequest, request);
        try {
          const { undoPoint } = await ctx.history.restoreBoard(
            board.id,
            pointId,
            actorOf(principal),
          );
          await ctx.audit.record(
            principal,
            'board.restore',
            { eventId: board.eventId, boardId: board.id },
            { pointId, undoPointId: undoPoint.id },
          );
          return reply.send({ restored: pointId, undoPoint });
        } catch (error) {
          if (error instanceof UnknownPointError) {
            throw new ApiError('not-found', 'Titik pulih tidak ditemukan');
          }
          throw error;
        }
      },
    },
  ];
}

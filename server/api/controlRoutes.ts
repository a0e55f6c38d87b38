import { parseControlPatch, type ControlPatch } from '../../shared/control';
import { controlOf, type BoardRecord } from '../events/EventRepository';
import type { AppContext } from './AppContext';
import { authorizeBoard, authorizeEvent, principalOf } from './access';
import { ApiError } from './ApiError';
import { jsonBody } from './apiRequest';
import type { ApiRequest, ApiRoute } from './ApiRoute';
import { actorOf } from './historyRoutes';

function readControl(request: ApiRequest): ControlPatch {
  const parsed = parseControlPatch(jsonBody(request), Date.now());
  if (!parsed.ok) throw new ApiError('bad-request', 'Isi perubahan tidak sah', parsed.issues);
  return parsed.patch;
}

async function applyTo(
  ctx: AppContext,
  board: BoardRecord,
  patch: ControlPatch,
  actor: string,
): Promise<BoardRecord> {
  // A restore point before a phase change or a lock: the moments a board's work is handed on.
  const now = controlOf(board);
  if (patch.phase !== undefined && patch.phase !== now.phase) {
    await ctx.history.makePoint(board.id, actor, 'before-phase', patch.phase);
  } else if (patch.locked === true && !now.locked) {
    await ctx.history.makePoint(board.id, actor, 'before-lock');
  }
  const next = await ctx.events.updateControl(board.id, patch);
  ctx.rooms.applyControl(board.id, controlOf(next));
  return next;
}

function auditActions(patch: ControlPatch): string[] {
  const actions: string[] = [];
  if (patch.locked !== undefined) actions.push(patch.locked ? 'board.lock' : 'board.unlock');
  if (patch.phase !== undefined) actions.push('board.phase');
  if (patch.timerEndsAt !== undefined)
    actions.push(patch.timerEndsAt === null ? 'board.timer.stop' : 'board.timer.start');
  if (patch.voteBudget !== undefined) actions.push('board.vote-budget');
  return actions;
}

/** Server-authoritative control: lock, phase, timer and vote budget, per board or for a whole event. */
export function controlRoutes(ctx: AppContext): ApiRoute[] {
  return [
    {
      method: 'POST',
      url: '/api/boards/:boardId/control',
      async handler(request, reply) {
        const { board, principal } = await authorizeBoard(
          ctx,
          await principalOf(ctx, request),
          'board:control',
          request.params.boardId ?? '',
        );
        const patch = readControl(request);
        const next = await applyTo(ctx, board, patch, actorOf(principal));
        for (const action of auditActions(patch)) {
          await ctx.audit.record(
            principal,
            action,
            { eventId: board.eventId, boardId: board.id },
            { ...patch },
          );
        }
        // When the change was in the store, by this server's clock (see liveCounts).
        return reply.code(200).send({ board: next, appliedAt: Date.now() });
      },
    },
    {
      method: 'POST',
      url: '/api/events/:eventId/control',
      async handler(request, reply) {
        const { event, principal } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'board:control',
          request.params.eventId ?? '',
        );
        const patch = readControl(request);
        const boards: BoardRecord[] = [];
        for (const b of (await ctx.events.listBoards(event.id)).filter(
          (b) => b.kind === 'kecamatan',
        )) {
          boards.push(await applyTo(ctx, b, patch, actorOf(principal)));
        }
        for (const action of auditActions(patch)) {
          await ctx.audit.record(
            principal,
            action,
            { eventId: event.id },
            { ...patch, allBoards: true },
          );
        }
        return reply.code(200).send({ boards, appliedAt: Date.now() });
      },
    },
  ];
}

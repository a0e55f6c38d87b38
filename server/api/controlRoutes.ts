import { parseControlPatch, type ControlPatch } from '../../shared/control';
import { controlOf, type BoardRecord } from '../events/EventRepository';
import type { AppContext } from './AppContext';
import { authorizeBoard, authorizeEvent, principalOf } from './access';
import { ApiError, readJson, sendJson } from './httpJson';
import type { Route, RouteRequest } from './router';

async function readControl(request: RouteRequest): Promise<ControlPatch> {
  const parsed = parseControlPatch(await readJson(request.req), Date.now());
  if (!parsed.ok) throw new ApiError('bad-request', 'Isi perubahan tidak sah', parsed.issues);
  return parsed.patch;
}

function applyTo(ctx: AppContext, board: BoardRecord, patch: ControlPatch): BoardRecord {
  const next = ctx.events.updateControl(board.id, patch);
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
export function controlRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/boards/:boardId/control',
      async handle(request) {
        const { board, principal } = authorizeBoard(
          ctx,
          principalOf(ctx, request.req, request.url),
          'board:control',
          request.params.boardId ?? '',
        );
        const patch = await readControl(request);
        const next = applyTo(ctx, board, patch);
        for (const action of auditActions(patch)) {
          ctx.audit.record(
            principal,
            action,
            { eventId: board.eventId, boardId: board.id },
            { ...patch },
          );
        }
        sendJson(request.res, 200, { board: next });
      },
    },
    {
      method: 'POST',
      path: '/api/events/:eventId/control',
      async handle(request) {
        const { event, principal } = authorizeEvent(
          ctx,
          principalOf(ctx, request.req, request.url),
          'board:control',
          request.params.eventId ?? '',
        );
        const patch = await readControl(request);
        const boards = ctx.events
          .listBoards(event.id)
          .filter((b) => b.kind === 'kecamatan')
          .map((b) => applyTo(ctx, b, patch));
        for (const action of auditActions(patch)) {
          ctx.audit.record(principal, action, { eventId: event.id }, { ...patch, allBoards: true });
        }
        sendJson(request.res, 200, { boards });
      },
    },
  ];
}

import { z } from 'zod';
import { applyMerge } from '../../shared/merge/applyMerge';
import type { SourceBoard } from '../../shared/merge/mergePlan';
import { planMerge } from '../../shared/merge/planMerge';
import { sanitizePlan } from '../../shared/merge/sanitizePlan';
import { isBoardId } from '../../shared/protocol';
import type { EventRecord } from '../events/EventRepository';
import type { AppContext } from './AppContext';
import { authorizeEvent, principalOf } from './access';
import { readEventBoards } from './buildIssueMap';
import { ApiError } from './ApiError';
import { jsonBody } from './apiRequest';
import type { ApiRoute } from './ApiRoute';
import { actorOf } from './historyRoutes';

const PlanBody = z.object({ boardIds: z.array(z.string()).min(1).max(200) });
const ApplyBody = z.object({
  boardIds: z.array(z.string()).min(1).max(200),
  plan: z.unknown(),
  /** Re-merge into this merged board; without it the event's kabupaten board is used or created. */
  mergedBoardId: z.string().optional(),
  title: z.string().trim().min(1).max(200).optional(),
});

/** The origin of merge transactions (what an undo manager would track). */
export const MERGE_ORIGIN = 'papan-merge';

async function sourcesOf(
  ctx: AppContext,
  event: EventRecord,
  boardIds: readonly string[],
): Promise<SourceBoard[]> {
  const unique = [...new Set(boardIds)];
  const kecamatanOf = new Map<string, string>();
  for (const id of unique) {
    const board = await ctx.events.getBoard(id);
    if (
      !board ||
      board.eventId !== event.id ||
      board.kind !== 'kecamatan' ||
      board.kecamatanKode === null
    ) {
      throw new ApiError('bad-request', `Papan ${id} bukan papan kecamatan acara ini`);
    }
    kecamatanOf.set(id, board.kecamatanKode);
  }
  const read = await readEventBoards(ctx.rooms, event, unique);
  return read.map(({ boardId, board }) => ({
    boardId,
    kecamatanKode: kecamatanOf.get(boardId) ?? '',
    board,
  }));
}

/** What the preview shows of each source board: its clusters and cards. */
function previewBoards(sources: readonly SourceBoard[]) {
  return sources.map(({ boardId, kecamatanKode, board }) => ({
    boardId,
    kecamatanKode,
    title: board.meta.title,
    clusters: board.clusters.map((k) => ({
      id: k.id,
      title: k.title,
      cardCount: board.cards.filter((c) => c.clusterId === k.id).length,
    })),
    cards: board.cards.map((c) => ({
      id: c.id,
      text: c.text,
      clusterId: c.clusterId,
      desaKode: c.desaKode,
    })),
  }));
}

/** Merging kecamatan boards into a kabupaten board: a preview that changes nothing, then apply. */
export function mergeRoutes(ctx: AppContext): ApiRoute[] {
  return [
    {
      method: 'POST',
      url: '/api/events/:eventId/merge/plan',
      async handler(request, reply) {
        const { event } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'board:merge',
          request.params.eventId ?? '',
        );
        const parsed = PlanBody.safeParse(jsonBody(request));
        if (!parsed.success)
          throw new ApiError('bad-request', 'Pilih papan yang digabung', parsed.error.issues);
        const sources = await sourcesOf(ctx, event, parsed.data.boardIds);
        return reply.code(200).send({ plan: planMerge(sources), boards: previewBoards(sources) });
      },
    },
    {
      method: 'POST',
      url: '/api/events/:eventId/merge/apply',
      bodyLimit: 4_000_000,
      async handler(request, reply) {
        const { event, principal } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'board:merge',
          request.params.eventId ?? '',
        );
        const parsed = ApplyBody.safeParse(jsonBody(request));
        if (!parsed.success)
          throw new ApiError('bad-request', 'Rencana penggabungan tidak sah', parsed.error.issues);
        const sources = await sourcesOf(ctx, event, parsed.data.boardIds);
        const plan = sanitizePlan(parsed.data.plan, sources);
        if (plan === null) throw new ApiError('bad-request', 'Rencana penggabungan tidak sah');
        const mergedId = parsed.data.mergedBoardId ?? `${event.id}-kabupaten`;
        if (!isBoardId(mergedId)) throw new ApiError('bad-request', 'Id papan gabungan tidak sah');
        let merged = await ctx.events.getBoard(mergedId);
        if (merged && (merged.eventId !== event.id || merged.kind !== 'merged')) {
          throw new ApiError('conflict', 'Papan itu bukan papan gabungan acara ini');
        }
        const title = parsed.data.title ?? merged?.title ?? `${event.kabupaten.nama} (gabungan)`;
        merged ??= await ctx.events.addBoard({
          id: mergedId,
          eventId: event.id,
          kind: 'merged',
          kecamatanKode: null,
          title,
        });
        await ctx.history.makePoint(merged.id, actorOf(principal), 'before-merge');
        const report = await ctx.rooms.changeBoardDoc(merged.id, (doc) =>
          applyMerge(doc, plan, sources, MERGE_ORIGIN, { title }),
        );
        await ctx.audit.record(
          principal,
          'board.merge',
          { eventId: event.id, boardId: merged.id },
          { sources: sources.map((s) => s.boardId), ...report },
        );
        return reply.code(200).send({ boardId: merged.id, report });
      },
    },
  ];
}

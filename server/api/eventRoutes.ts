import { z } from 'zod';
import { readBoard } from '../../shared/board/readBoard';
import { parseGazetteerCsv } from '../../shared/gazetteer/parseGazetteerCsv';
import { can } from '../../shared/roles';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import type { AppContext } from './AppContext';
import { authorizeEvent, principalOf, requireCan } from './access';
import { joinUrl } from './boardRoutes';
import { loadDefaultGazetteer } from '../events/defaultGazetteer';
import { controlOf, type EventRecord } from '../events/EventRepository';
import { ApiError } from './ApiError';
import { jsonBody } from './apiRequest';
import type { ApiRoute } from './ApiRoute';

const CreateEventBody = z.object({
  title: z.string().trim().min(1).max(200),
  year: z.number().int().min(2000).max(2100),
  /** A gazetteer CSV in the Kemendagri columns; without it the Balangan default is used. */
  gazetteerCsv: z.string().max(2_000_000).optional(),
});

const InviteBody = z.object({ name: z.string().trim().min(1).max(80) });

/** The summary of an event for lists. */
function eventSummary(event: EventRecord) {
  return {
    id: event.id,
    title: event.title,
    year: event.year,
    kabupaten: event.kabupaten,
    createdAt: event.createdAt,
  };
}

/**
 * Live counts of every board of an event, for the moderator console; a board that cannot be read
 * shows as such. `controlReadAt` is this server's clock just before the boards' control state
 * was read: the console keeps its own change to a board (whose answer says when it was applied)
 * over a snapshot whose control was read before that change.
 */
export async function liveCounts(ctx: AppContext, event: EventRecord) {
  const counted = await Promise.all(
    (await ctx.events.listBoards(event.id)).map(async (board) => {
      const counts = await ctx.rooms
        .cachedRead(board.id, 'counts', (doc) => {
          const { board: data } = readBoard(doc, { taxonomy: event.taxonomy });
          return {
            cards: data.cards.length,
            clusters: data.clusters.length,
            votes: data.votes.reduce((sum, v) => sum + v.count, 0),
            error: false,
          };
        })
        .catch((error: unknown) => {
          ctx.logError(error, `console: board ${board.id} could not be read`);
          return { cards: 0, clusters: 0, votes: 0, error: true };
        });
      const presence = ctx.rooms.presence(board.id);
      return {
        id: board.id,
        kind: board.kind,
        kecamatanKode: board.kecamatanKode,
        title: board.title,
        joinCode: board.joinCode,
        control: controlOf(board),
        ...counts,
        ...presence,
      };
    }),
  );
  // Reading the counts may wait for a board's write in flight; a lock or phase set meanwhile
  // must not reach the console older than the answer its own click already showed, so the
  // control state is read again, last.
  const controlReadAt = Date.now();
  const fresh = new Map((await ctx.events.listBoards(event.id)).map((b) => [b.id, b]));
  const boards = counted.map((board) => {
    const now = fresh.get(board.id);
    return now ? { ...board, title: now.title, control: controlOf(now) } : board;
  });
  return { boards, controlReadAt };
}

/** Events: list, create (with a gazetteer), details, live counts, audit log, moderator invites. */
export function eventRoutes(ctx: AppContext): ApiRoute[] {
  return [
    {
      method: 'GET',
      url: '/api/events',
      async handler(request, reply) {
        const principal = await principalOf(ctx, request);
        if (!principal)
          throw new ApiError('unauthorized', 'Token tidak ada, tidak sah atau kedaluwarsa');
        const events = (await ctx.events.listEvents())
          .filter((e) => can(principal, 'event:read', { eventId: e.id }))
          .map(eventSummary);
        return reply.code(200).send({ events });
      },
    },
    {
      method: 'POST',
      url: '/api/events',
      bodyLimit: 2_500_000,
      async handler(request, reply) {
        const principal = requireCan(await principalOf(ctx, request), 'event:create', {
          eventId: null,
        });
        const parsed = CreateEventBody.safeParse(jsonBody(request));
        if (!parsed.success)
          throw new ApiError('bad-request', 'Isi judul dan tahun acara', parsed.error.issues);
        let gazetteer = loadDefaultGazetteer();
        if (parsed.data.gazetteerCsv !== undefined) {
          const result = parseGazetteerCsv(parsed.data.gazetteerCsv);
          if (!result.ok)
            throw new ApiError(
              'invalid-gazetteer',
              'Berkas wilayah memuat baris yang salah',
              result.errors,
            );
          gazetteer = result.gazetteer;
        }
        const { event, boards } = await ctx.events.createEvent({
          title: parsed.data.title,
          year: parsed.data.year,
          gazetteer,
          taxonomy: DEFAULT_TAXONOMY,
        });
        await ctx.audit.record(
          principal,
          'event.create',
          { eventId: event.id },
          { title: event.title, boards: boards.length },
        );
        return reply.code(201).send({
          event: eventSummary(event),
          boards: boards.map((b) => ({ id: b.id, title: b.title })),
        });
      },
    },
    {
      method: 'GET',
      url: '/api/events/:eventId',
      async handler(request, reply) {
        const { event } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'event:read',
          request.params.eventId ?? '',
        );
        const boards = (await ctx.events.listBoards(event.id)).map((b) => ({
          id: b.id,
          kind: b.kind,
          kecamatanKode: b.kecamatanKode,
          title: b.title,
          joinCode: b.joinCode,
          joinUrl: joinUrl(ctx.publicUrl, b),
          control: controlOf(b),
        }));
        return reply.code(200).send({
          event: { ...eventSummary(event), taxonomy: event.taxonomy, gazetteer: event.gazetteer },
          boards,
        });
      },
    },
    {
      method: 'GET',
      url: '/api/events/:eventId/live',
      async handler(request, reply) {
        const { event } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'event:read',
          request.params.eventId ?? '',
        );
        return reply.code(200).send({ ...(await liveCounts(ctx, event)), now: Date.now() });
      },
    },
    {
      method: 'GET',
      url: '/api/events/:eventId/audit',
      async handler(request, reply) {
        const { event } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'event:audit',
          request.params.eventId ?? '',
        );
        return reply.code(200).send({ entries: await ctx.audit.list(event.id) });
      },
    },
    {
      method: 'POST',
      url: '/api/events/:eventId/moderators',
      async handler(request, reply) {
        const { event, principal } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'event:invite',
          request.params.eventId ?? '',
        );
        const parsed = InviteBody.safeParse(jsonBody(request));
        if (!parsed.success)
          throw new ApiError('bad-request', 'Isi nama moderator', parsed.error.issues);
        const { token, expiresAt } = await ctx.tokens.issue({
          role: 'moderator',
          name: parsed.data.name,
          eventId: event.id,
        });
        await ctx.audit.record(
          principal,
          'moderator.invite',
          { eventId: event.id },
          { name: parsed.data.name },
        );
        const link = `${ctx.publicUrl.replace(/\/$/, '')}/m/${event.id}?token=${token}`;
        return reply.code(201).send({ link, token, expiresAt });
      },
    },
  ];
}

import type { AppContext, FacilitatorCall } from './AppContext';
import { authorizeEvent, principalOf } from './access';
import { liveCounts } from './eventRoutes';
import type { ApiRoute } from './ApiRoute';

/** How often at most the console gets new counts while boards are busy. */
const LIVE_THROTTLE_MS = 250;
/** A comment line keeps proxies and the browser from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events for the moderator console: `live` (all board counts) whenever a board of
 * the event changes, at most every LIVE_THROTTLE_MS, `call` when a table asks for a facilitator,
 * and `alarm` when one connection deleted many cards (a restore point was made just before).
 * EventSource cannot send headers, so the token comes as the `token` query parameter.
 */
export function streamRoutes(ctx: AppContext): ApiRoute[] {
  return [
    {
      method: 'GET',
      url: '/api/events/:eventId/stream',
      async handler(request, reply) {
        const { event } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'event:read',
          request.params.eventId ?? '',
        );
        const boardIds = new Set((await ctx.events.listBoards(event.id)).map((b) => b.id));
        // The stream outlives the handler: Fastify hands the socket over, with the headers
        // (security headers included) it has gathered so far.
        reply.hijack();
        const res = reply.raw;
        for (const [name, value] of Object.entries(reply.getHeaders())) {
          if (value !== undefined) res.setHeader(name, value);
        }
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        let closed = false;
        let timer: NodeJS.Timeout | null = null;
        const send = (name: string, data: unknown) => {
          if (!closed) res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
        };
        const pushLive = async () => {
          timer = null;
          // A token revoked or expired while the console is open ends the stream.
          if ((await principalOf(ctx, request)) === null) {
            close();
            res.end();
            return;
          }
          try {
            send('live', { ...(await liveCounts(ctx, event)), now: Date.now() });
          } catch (error) {
            ctx.logError(error, 'console stream: counting failed');
          }
        };
        const schedule = () => {
          if (!closed && timer === null)
            timer = setTimeout(() => void pushLive(), LIVE_THROTTLE_MS);
        };
        const offActivity = ctx.rooms.onActivity((boardId) => {
          if (boardIds.has(boardId)) schedule();
        });
        const offCall = ctx.rooms.onFacilitatorCall((call: FacilitatorCall) => {
          if (boardIds.has(call.boardId)) send('call', call);
        });
        const offAlarm = ctx.history.onAlarm((alarm) => {
          if (boardIds.has(alarm.boardId)) send('alarm', alarm);
        });
        const keepAlive = async () => {
          if (closed) return;
          if ((await principalOf(ctx, request)) === null) {
            close();
            res.end();
            return;
          }
          if (!closed) res.write(': keepalive\n\n');
        };
        const keepalive = setInterval(() => {
          keepAlive().catch((error: unknown) => ctx.logError(error, 'console stream: keepalive'));
        }, KEEPALIVE_MS);
        const close = () => {
          closed = true;
          offActivity();
          offCall();
          offAlarm();
          clearInterval(keepalive);
          if (timer) clearTimeout(timer);
        };
        res.on('close', close);
        res.on('error', close);
        await pushLive();
      },
    },
  ];
}

import { toCsv } from '../../shared/export/toCsv';
import { toHtmlReport } from '../../shared/export/toHtmlReport';
import { toJson } from '../../shared/export/toJson';
import { toMarkdown } from '../../shared/export/toMarkdown';
import { toXlsx } from '../../shared/export/toXlsx';
import type { AppContext } from './AppContext';
import { authorizeEvent, principalOf } from './access';
import { buildIssueMap } from './buildIssueMap';
import { PRINTABLE_PAGE_CSP } from '../http/securityHeaders';
import { ApiError } from './ApiError';
import type { ApiRoute } from './ApiRoute';

const FORMATS = {
  json: { type: 'application/json; charset=utf-8', attachment: false },
  csv: { type: 'text/csv; charset=utf-8', attachment: true },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    attachment: true,
  },
  md: { type: 'text/markdown; charset=utf-8', attachment: true },
  html: { type: 'text/html; charset=utf-8', attachment: false },
} as const;

type Format = keyof typeof FORMATS;

function isFormat(value: string): value is Format {
  return Object.hasOwn(FORMATS, value);
}

/**
 * The issue map of an event in every export format, for staff and moderators:
 * `GET /api/events/:id/issue-map.{json,csv,xlsx,md,html}`. Each export is written to the audit log.
 */
export function exportRoutes(ctx: AppContext): ApiRoute[] {
  return [
    {
      method: 'GET',
      url: '/api/events/:eventId/issue-map.:format',
      async handler(request, reply) {
        const format = request.params.format ?? '';
        if (!isFormat(format))
          throw new ApiError('not-found', 'Format tidak dikenal (json, csv, xlsx, md, html)');
        const { event, principal } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'event:export',
          request.params.eventId ?? '',
        );
        const boardIds = (await ctx.events.listBoards(event.id)).map((b) => b.id);
        const map = await buildIssueMap(ctx.rooms, event, boardIds);
        let body: string | Uint8Array;
        switch (format) {
          case 'json':
            body = toJson(map);
            break;
          case 'csv':
            body = toCsv(map);
            break;
          case 'xlsx':
            body = await toXlsx(map);
            break;
          case 'md':
            body = toMarkdown(map);
            break;
          case 'html':
            body = toHtmlReport(map);
            break;
        }
        await ctx.audit.record(principal, 'event.export', { eventId: event.id }, { format });
        const { type, attachment } = FORMATS[format];
        reply.type(type);
        if (attachment)
          reply.header(
            'content-disposition',
            `attachment; filename="peta-isu-${event.id}.${format}"`,
          );
        // The report holds participants' words: no script, no fetch, no frame, whatever it says.
        if (format === 'html') reply.header('content-security-policy', PRINTABLE_PAGE_CSP);
        return reply.send(
          typeof body === 'string'
            ? body
            : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
        );
      },
    },
  ];
}

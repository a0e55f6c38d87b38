import { escapeHtml } from '../../shared/export/escapeHtml';
import { PRINTABLE_PAGE_CSP } from '../http/securityHeaders';
import type { AppContext } from './AppContext';
import { authorizeEvent, principalOf } from './access';
import { joinQrSvg } from './boardRoutes';
import type { ApiRoute } from './ApiRoute';

/**
 * A printable A4 page per kecamatan board with its QR code and join code, for the hall tables,
 * in Bahasa Indonesia only. The console opens it from a blob (fetched with the token in the
 * header), so the page carries its own CSP: nothing in it may load or run.
 */
export function qrSheetRoutes(ctx: AppContext): ApiRoute[] {
  return [
    {
      method: 'GET',
      url: '/api/events/:eventId/qr-sheet',
      async handler(request, reply) {
        const { event } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'board:control',
          request.params.eventId ?? '',
        );
        const boards = (await ctx.events.listBoards(event.id)).filter(
          (b) => b.kind === 'kecamatan',
        );
        const pages = await Promise.all(
          boards.map(async (board) => {
            const svg = await joinQrSvg(ctx.publicUrl, board);
            return `<section class="page">
  <h1>${escapeHtml(board.title)}</h1>
  <p class="event">${escapeHtml(event.title)}</p>
  <div class="qr">${svg}</div>
  <p class="how">Pindai kode QR dengan tablet atau ponsel, atau buka <b>${escapeHtml(ctx.publicUrl)}</b> dan ketik kode:</p>
  <p class="code">${escapeHtml(board.joinCode)}</p>
</section>`;
          }),
        );
        const html = `<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Kode QR papan — ${escapeHtml(event.title)}</title>
<style>
@page { size: A4; margin: 15mm; }
body { font-family: system-ui, sans-serif; margin: 0; color: #111; }
.page { page-break-after: always; text-align: center; padding-top: 10mm; }
.page:last-child { page-break-after: auto; }
h1 { font-size: 30pt; margin: 0 0 4mm; }
.event { font-size: 13pt; color: #555; margin: 0 0 8mm; }
.qr svg { width: 120mm; height: 120mm; }
.how { font-size: 14pt; margin: 8mm 0 2mm; }
.code { font-size: 48pt; font-weight: 700; letter-spacing: 6pt; font-family: ui-monospace, monospace; margin: 0; }
</style></head><body>
${pages.join('\n')}
</body></html>`;
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', PRINTABLE_PAGE_CSP)
          .send(html);
      },
    },
  ];
}

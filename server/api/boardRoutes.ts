import QRCode from 'qrcode';
import { boardThumbnailSvg } from '../../shared/board/boardThumbnailSvg';
import { readBoard } from '../../shared/board/readBoard';
import { findKecamatan } from '../../shared/gazetteer/parseGazetteerCsv';
import { controlOf, type BoardRecord } from '../events/EventRepository';
import type { AppContext } from './AppContext';
import { authorizeBoard, eventOr404, principalOf } from './access';
import type { ApiRoute } from './ApiRoute';

/** The link a participant opens to join a board (what the QR code holds). */
export function joinUrl(publicUrl: string, board: BoardRecord): string {
  return `${publicUrl.replace(/\/$/, '')}/j/${board.joinCode}`;
}

/** The join link of a board as an SVG QR code (the console and the printed sheet use the same). */
export function joinQrSvg(publicUrl: string, board: BoardRecord): Promise<string> {
  return QRCode.toString(joinUrl(publicUrl, board), {
    type: 'svg',
    margin: 1,
    errorCorrectionLevel: 'M',
  });
}

/** A board's public description: what the canvas needs to render it. */
export async function boardInfo(ctx: AppContext, board: BoardRecord) {
  const event = await eventOr404(ctx, board.eventId);
  const kecamatan = findKecamatan(event.gazetteer, board.kecamatanKode);
  const desa =
    board.kind === 'merged'
      ? event.gazetteer.kecamatan.flatMap((k) => k.desa)
      : (kecamatan?.desa ?? []);
  return {
    id: board.id,
    eventId: board.eventId,
    eventTitle: event.title,
    title: board.title,
    kind: board.kind,
    kecamatanKode: board.kecamatanKode,
    kecamatanNama: kecamatan?.nama ?? null,
    desa: desa.map((d) => ({ kode: d.kode, nama: d.nama })),
    // A merged board's cards name the kecamatan they came from.
    kecamatan:
      board.kind === 'merged'
        ? event.gazetteer.kecamatan.map((k) => ({ kode: k.kode, nama: k.nama }))
        : [],
    taxonomy: event.taxonomy,
    control: controlOf(board),
  };
}

/** Board descriptions, QR codes and thumbnails. */
export function boardRoutes(ctx: AppContext): ApiRoute[] {
  return [
    {
      method: 'GET',
      url: '/api/boards/:boardId',
      async handler(request, reply) {
        const { board } = await authorizeBoard(
          ctx,
          await principalOf(ctx, request),
          'board:read',
          request.params.boardId ?? '',
        );
        return reply.code(200).send(await boardInfo(ctx, board));
      },
    },
    {
      method: 'GET',
      url: '/api/boards/:boardId/qr.svg',
      async handler(request, reply) {
        const { board } = await authorizeBoard(
          ctx,
          await principalOf(ctx, request),
          'board:control',
          request.params.boardId ?? '',
        );
        return reply.type('image/svg+xml').send(await joinQrSvg(ctx.publicUrl, board));
      },
    },
    {
      method: 'GET',
      url: '/api/boards/:boardId/thumbnail.svg',
      async handler(request, reply) {
        const { board } = await authorizeBoard(
          ctx,
          await principalOf(ctx, request),
          'board:control',
          request.params.boardId ?? '',
        );
        const event = await eventOr404(ctx, board.eventId);
        const svg = await ctx.rooms.cachedRead(board.id, 'thumbnail', (doc) =>
          boardThumbnailSvg(readBoard(doc, { taxonomy: event.taxonomy }).board, event.taxonomy),
        );
        return reply.type('image/svg+xml').send(svg);
      },
    },
  ];
}

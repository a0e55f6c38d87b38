import { ArchiveError } from '../backup/archiveFormat';
import type { EventArchives } from '../backup/EventArchives';
import type { BackupStatus } from '../backup/RollingBackup';
import type { AppContext } from './AppContext';
import { authorizeEvent, principalOf, requireCan } from './access';
import { ApiError } from './ApiError';
import type { ApiRoute } from './ApiRoute';

/** Largest archive a staff upload may carry (a 2,000-card board's archive is well under 1 MiB). */
export const MAX_ARCHIVE_UPLOAD_BYTES = 64 * 1024 * 1024;

/**
 * The event archive over HTTP, for staff: download an event as one file, and upload one to import
 * it as a new event (never over an existing one), both audited by EventArchives; and the rolling
 * backups' status for the console.
 */
export function archiveRoutes(
  ctx: AppContext,
  { archives, backups }: { archives: EventArchives; backups: { status(): BackupStatus } | null },
): ApiRoute[] {
  return [
    {
      // For the console: when the last rolling backup was made, or why the last one failed.
      method: 'GET',
      url: '/api/events/:eventId/backups',
      async handler(request, reply) {
        await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'event:read',
          request.params.eventId ?? '',
        );
        if (!backups) return reply.send({ enabled: false });
        const status = backups.status();
        return reply.send({
          enabled: true,
          everyMinutes: status.everyMinutes,
          lastSuccessAt: status.lastSuccess?.at ?? null,
          failing: status.failing,
          lastError: status.lastError && {
            at: status.lastError.at,
            message: status.lastError.message,
          },
        });
      },
    },
    {
      method: 'GET',
      url: '/api/events/:eventId/archive',
      async handler(request, reply) {
        const { event, principal } = await authorizeEvent(
          ctx,
          await principalOf(ctx, request),
          'event:audit',
          request.params.eventId ?? '',
        );
        const { fileName, bytes } = await archives.export(event.id, principal);
        return reply
          .type('application/gzip')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(Buffer.from(bytes));
      },
    },
    {
      method: 'POST',
      url: '/api/events/import',
      bodyLimit: MAX_ARCHIVE_UPLOAD_BYTES,
      async handler(request, reply) {
        const principal = requireCan(await principalOf(ctx, request), 'event:create', {
          eventId: null,
        });
        if (!Buffer.isBuffer(request.body) || request.body.byteLength === 0) {
          throw new ApiError(
            'bad-request',
            'Kirim berkas arsip acara (application/gzip) sebagai isi permintaan',
          );
        }
        try {
          const result = await archives.import(new Uint8Array(request.body), principal);
          return reply.code(201).send(result);
        } catch (error) {
          if (error instanceof ArchiveError) throw new ApiError('bad-request', error.message);
          throw error;
        }
      },
    },
  ];
}

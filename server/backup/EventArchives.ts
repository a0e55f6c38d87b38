import type { Principal } from '../../shared/roles';
import { importEventArchive, type ArchiveTarget, type ImportResult } from './importEventArchive';
import { archiveFileName, writeEventArchive } from './writeEventArchive';

/**
 * The event archive for the HTTP layer (`GET /api/events/:id/archive`, the staff upload): the
 * same export and import as the commands, with the principal written to the audit log.
 */
export class EventArchives {
  constructor(private readonly data: ArchiveTarget) {}

  /** The event's archive (gzip bytes) and the file name to offer; throws ArchiveError for an unknown event. */
  async export(
    eventId: string,
    actor: Principal,
    now: Date = new Date(),
  ): Promise<{ fileName: string; bytes: Uint8Array }> {
    const bytes = await writeEventArchive(this.data, eventId, now);
    await this.data.audit.record(actor, 'event.archive', { eventId }, { bytes: bytes.byteLength });
    return { fileName: archiveFileName(eventId, now), bytes };
  }

  /** Imports an uploaded archive as a new event; throws ArchiveError (nothing imported) for a bad file. */
  import(bytes: Uint8Array, actor: Principal): Promise<ImportResult> {
    return importEventArchive(this.data, bytes, actor);
  }
}

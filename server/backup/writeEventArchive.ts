import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { AuditLog } from '../events/AuditLog';
import { controlOf, type EventRepository } from '../events/EventRepository';
import type { DocStore } from '../store/DocStore';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  ArchiveError,
  type ArchiveLine,
  type ArchivedRestorePoint,
} from './archiveFormat';
import { loadBoardState } from './loadBoardState';

const gzipAsync = promisify(gzip);

/** Where restore points come from and go to, once the server keeps them. */
export interface RestorePointArchive {
  /** Every restore point of a board, oldest first. */
  list(boardId: string): Promise<ArchivedRestorePoint[]>;
  /** Stores an imported restore point for a (new) board. */
  add(boardId: string, point: ArchivedRestorePoint): Promise<void>;
}

/** What an export reads: the event's rows, its audit log and its board documents. */
export interface ArchiveSource {
  events: EventRepository;
  audit: AuditLog;
  store: DocStore;
  restorePoints?: RestorePointArchive | null;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Writes one event as a portable archive (see archiveFormat.ts): the event, every board with its
 * control state, join code and full document, restore points when the server keeps them, and
 * the event's audit log. Tokens are not carried: they are credentials of this server. Each board
 * document is read from the store in one transaction, and the store holds every accepted update
 * before anyone sees it, so a running server may be archived. Returns the gzip bytes.
 */
export async function writeEventArchive(
  source: ArchiveSource,
  eventId: string,
  now: Date = new Date(),
): Promise<Uint8Array> {
  const event = await source.events.getEvent(eventId);
  if (!event) throw new ArchiveError(`There is no event ${JSON.stringify(eventId)}`);
  const records: ArchiveLine[] = [
    {
      kind: 'header',
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: now.toISOString(),
    },
    {
      kind: 'event',
      event: {
        id: event.id,
        title: event.title,
        year: event.year,
        gazetteer: event.gazetteer,
        taxonomy: [...event.taxonomy],
        createdAt: event.createdAt,
      },
    },
  ];
  const boards = await source.events.listBoards(event.id);
  for (const board of boards) {
    records.push({
      kind: 'board',
      board: {
        id: board.id,
        kind: board.kind,
        kecamatanKode: board.kecamatanKode,
        title: board.title,
        joinCode: board.joinCode,
        control: controlOf(board),
        createdAt: board.createdAt,
      },
      state: base64(await loadBoardState(source.store, board.id)),
    });
  }
  for (const board of boards) {
    for (const point of (await source.restorePoints?.list(board.id)) ?? []) {
      records.push({
        kind: 'restorePoint',
        boardId: board.id,
        point: { ...point, state: base64(point.state) },
      });
    }
  }
  for (const entry of await source.audit.listAll(event.id)) {
    records.push({
      kind: 'audit',
      entry: {
        at: entry.at,
        actor: entry.actor,
        role: entry.role,
        action: entry.action,
        boardId: entry.boardId,
        detail: entry.detail,
      },
    });
  }
  const hash = createHash('sha256');
  const lines = records.map((record) => {
    const line = `${JSON.stringify(record)}\n`;
    hash.update(line);
    return line;
  });
  lines.push(
    `${JSON.stringify({ kind: 'end', records: records.length, sha256: hash.digest('hex') })}\n`,
  );
  return new Uint8Array(await gzipAsync(lines.join('')));
}

/** The file name staff see for an event's archive, e.g. `papan-demo-2026-11-30T0305Z.jsonl.gz`. */
export function archiveFileName(eventId: string, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/:/g, '');
  return `papan-${eventId}-${stamp}Z.jsonl.gz`;
}

import * as Y from 'yjs';
import { BOARD_ID_PATTERN } from '../../shared/protocol';
import type { Principal } from '../../shared/roles';
import { newAuditEntry, type AuditLog } from '../events/AuditLog';
import type { BoardRecord, EventRepository } from '../events/EventRepository';
import type { DocStore } from '../store/DocStore';
import { ArchiveError, type EventArchive } from './archiveFormat';
import { readEventArchive } from './readEventArchive';
import { renameBoardReferences } from './renameBoardReferences';
import type { RestorePointArchive } from './writeEventArchive';

/** Where an import writes: the application database (events, audit) and the doc store. */
export interface ArchiveTarget {
  /** Writes the event, its boards and its audit entries in one transaction (importEvent). */
  events: EventRepository;
  audit: AuditLog;
  store: DocStore;
  restorePoints?: RestorePointArchive | null;
}

/** What an import did, for the staff page and the command line. */
export interface ImportResult {
  eventId: string;
  /** The event's id in the archive; differs from eventId when that id was taken here. */
  archivedEventId: string;
  boards: { archivedId: string; id: string; joinCode: string; joinCodeKept: boolean }[];
  auditEntries: number;
  restorePoints: { imported: number; notKept: number };
}

/** Tries `-2`, `-3`, ... after the archived id; an event this many times over is a mistake. */
const MAX_ID_ATTEMPTS = 1000;

/**
 * Imports an event archive (see archiveFormat.ts) as a new event, never over an existing one:
 * when the event's id, or one of its board ids, is taken here, the event gets the first free
 * `<id>-N` and its board ids follow (`demo-juai` becomes `demo-2-juai`). The whole archive is
 * read and checked before anything is written; a bad one throws an ArchiveError and imports
 * nothing. Join codes are kept where no board here uses them (printed QR sheets keep working),
 * otherwise new ones are drawn. Tokens are not in archives: staff issue new moderator links,
 * participants join again by code.
 *
 * Board documents are written first, under ids no board row or stored document uses; the event,
 * its boards and its audit log are then written in one transaction, which is the moment the
 * event appears. A crash between the two leaves only unreachable documents behind.
 */
export async function importEventArchive(
  target: ArchiveTarget,
  bytes: Uint8Array,
  actor: Principal | 'system' = 'system',
): Promise<ImportResult> {
  return importCheckedArchive(target, readEventArchive(bytes), actor);
}

/** Imports an archive already read and checked by readEventArchive (see importEventArchive). */
export async function importCheckedArchive(
  target: ArchiveTarget,
  archive: EventArchive,
  actor: Principal | 'system' = 'system',
): Promise<ImportResult> {
  const { eventId, boardIdOf } = await chooseIds(target, archive);
  const renamed = eventId !== archive.event.id;
  const rename = new Map(archive.boards.map((b) => [b.id, boardIdOf(b.id)]));

  const codes = new Set<string>();
  const boards: (BoardRecord & { joinCodeKept: boolean })[] = [];
  for (const b of archive.boards) {
    const kept =
      !codes.has(b.joinCode) && (await target.events.getBoardByJoinCode(b.joinCode)) === null;
    let joinCode = b.joinCode;
    if (!kept) {
      do joinCode = await target.events.uniqueJoinCode();
      while (codes.has(joinCode));
    }
    codes.add(joinCode);
    boards.push({
      id: boardIdOf(b.id),
      eventId,
      kind: b.kind,
      kecamatanKode: b.kecamatanKode,
      title: b.title,
      joinCode,
      ...b.control,
      createdAt: b.createdAt,
      joinCodeKept: kept,
    });
  }

  for (const [i, archived] of archive.boards.entries()) {
    const board = boards[i];
    if (!board) throw new Error('board list out of step');
    await target.store.append(
      board.id,
      renamed ? withRenamedReferences(archived.state, rename) : archived.state,
      { kind: 'server', actor: 'system:import' },
    );
  }
  let imported = 0;
  if (target.restorePoints) {
    for (const { boardId, point } of archive.restorePoints) {
      await target.restorePoints.add(rename.get(boardId) ?? boardId, point);
      imported++;
    }
  }

  const stored = await target.events.importEvent(
    { ...archive.event, id: eventId, kabupaten: archive.event.gazetteer.kabupaten },
    boards.map(({ joinCodeKept: _kept, ...board }) => board),
    [
      ...archive.audit.map((entry) => ({
        ...entry,
        eventId,
        boardId: entry.boardId === null ? null : (rename.get(entry.boardId) ?? null),
      })),
      newAuditEntry(
        actor,
        'event.import',
        { eventId },
        {
          archivedEventId: archive.event.id,
          archiveCreatedAt: archive.createdAt,
          boards: boards.length,
        },
      ),
    ],
  );
  // Another instance may have taken a kept code since it was checked: the stored one counts.
  boards.forEach((board, i) => {
    const joinCode = stored[i]?.joinCode ?? board.joinCode;
    if (joinCode !== board.joinCode) Object.assign(board, { joinCode, joinCodeKept: false });
  });

  return {
    eventId,
    archivedEventId: archive.event.id,
    boards: boards.map((b, i) => ({
      archivedId: archive.boards[i]?.id ?? '',
      id: b.id,
      joinCode: b.joinCode,
      joinCodeKept: b.joinCodeKept,
    })),
    auditEntries: archive.audit.length,
    restorePoints: { imported, notKept: archive.restorePoints.length - imported },
  };
}

/** The archived state with its references to renamed boards pointed at the new ids. */
function withRenamedReferences(state: Uint8Array, rename: ReadonlyMap<string, string>): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return renameBoardReferences(doc, rename) ? Y.encodeStateAsUpdate(doc) : state;
  } finally {
    doc.destroy();
  }
}

/** The archived ids if all are free here, else the first free `<id>-N` with board ids following. */
async function chooseIds(
  target: ArchiveTarget,
  archive: EventArchive,
): Promise<{ eventId: string; boardIdOf: (archivedId: string) => string }> {
  const archivedId = archive.event.id;
  const boardIdFor = (eventId: string) => (id: string) =>
    eventId === archivedId
      ? id
      : id.startsWith(`${archivedId}-`)
        ? `${eventId}${id.slice(archivedId.length)}`
        : `${eventId}-${id}`;
  for (let n = 1; n <= MAX_ID_ATTEMPTS; n++) {
    const eventId = n === 1 ? archivedId : `${archivedId}-${n}`;
    const boardIdOf = boardIdFor(eventId);
    const ids = archive.boards.map((b) => boardIdOf(b.id));
    if (!BOARD_ID_PATTERN.test(eventId) || !ids.every((id) => BOARD_ID_PATTERN.test(id)))
      throw new ArchiveError(
        `The event ${archivedId} is already here and its boards' ids are too long to rename`,
      );
    if (await target.events.getEvent(eventId)) continue;
    let free = true;
    for (const id of ids) {
      // A stored document without a board row is left from an import that did not finish.
      if ((await target.events.getBoard(id)) || (await target.store.stats(id)).lastSeq > 0) {
        free = false;
        break;
      }
    }
    if (free) return { eventId, boardIdOf };
  }
  throw new ArchiveError(`The event ${archivedId} has been imported too many times already`);
}

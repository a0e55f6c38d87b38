import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  ArchiveError,
  ArchiveLine,
  MAX_ARCHIVE_UNPACKED_BYTES,
  type ArchivedEvent,
  type EventArchive,
} from './archiveFormat';

const GZIP_MAGIC = [0x1f, 0x8b];
const ORDER = ['header', 'event', 'board', 'restorePoint', 'audit', 'end'] as const;

function unpack(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw new ArchiveError('The archive file is empty');
  const gzipped = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
  let text: Buffer;
  try {
    text = gzipped
      ? gunzipSync(bytes, { maxOutputLength: MAX_ARCHIVE_UNPACKED_BYTES })
      : Buffer.from(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArchiveError(`The archive is damaged or cut short (gzip: ${reason})`);
  }
  if (text.byteLength > MAX_ARCHIVE_UNPACKED_BYTES)
    throw new ArchiveError('The archive is larger than this server accepts');
  return text.toString('utf8');
}

/** A board state must be a Yjs update that applies cleanly to an empty document. */
function decodeState(base64: string, where: string): Uint8Array {
  const state = new Uint8Array(Buffer.from(base64, 'base64'));
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    // Missing structs would sit pending forever: the state would not be the whole document.
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
      throw new Error('the state refers to changes it does not contain');
    doc.destroy();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArchiveError(`${where}: the board document cannot be read (${reason})`);
  }
  return state;
}

/**
 * Reads an event archive (gzip JSON lines, or the same unpacked) and checks all of it: the
 * format and version, every record against its schema, the order of records, the record count
 * and checksum in the end record, and that every board document decodes. Throws an
 * ArchiveError naming the first problem; returns only a wholly valid archive.
 */
export function readEventArchive(bytes: Uint8Array): EventArchive {
  const text = unpack(bytes);
  if (!text.endsWith('\n'))
    throw new ArchiveError('The archive is cut short (its last line is incomplete)');
  const lines = text.slice(0, -1).split('\n');
  const hash = createHash('sha256');
  let createdAt = '';
  let event: ArchivedEvent | null = null;
  const archive: Omit<EventArchive, 'createdAt' | 'event'> = {
    boards: [],
    restorePoints: [],
    audit: [],
  };
  let ended = false;
  let stage = -1;
  const boardIds = new Set<string>();

  for (const [index, line] of lines.entries()) {
    const where = `Line ${index + 1}`;
    if (ended) throw new ArchiveError(`${where}: records after the end record`);
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new ArchiveError(`${where}: not JSON`);
    }
    if (index === 0) {
      const header = json as { kind?: unknown; format?: unknown; version?: unknown };
      if (header?.kind !== 'header' || header.format !== ARCHIVE_FORMAT)
        throw new ArchiveError('This is not a Papan Rembuk event archive');
      if (typeof header.version === 'number' && header.version > ARCHIVE_VERSION)
        throw new ArchiveError(
          `The archive has format version ${header.version}, newer than this server reads (${ARCHIVE_VERSION}); upgrade the server`,
        );
    }
    const parsed = ArchiveLine.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.join('.') ?? '';
      throw new ArchiveError(`${where}: ${path ? `${path} ` : ''}${issue?.message ?? 'invalid'}`);
    }
    const record = parsed.data;
    const at = ORDER.indexOf(record.kind);
    // header, then event, then the repeatable records in their order, then end.
    const inPlace = index < 2 ? at === index : at >= Math.max(stage, 2);
    if (!inPlace) throw new ArchiveError(`${where}: a ${record.kind} record is out of place`);
    stage = at;
    switch (record.kind) {
      case 'header':
        createdAt = record.createdAt;
        break;
      case 'event':
        event = record.event;
        break;
      case 'board':
        if (boardIds.has(record.board.id))
          throw new ArchiveError(`${where}: board ${record.board.id} appears twice`);
        boardIds.add(record.board.id);
        archive.boards.push({
          ...record.board,
          state: decodeState(record.state, `${where} (board ${record.board.id})`),
        });
        break;
      case 'restorePoint':
        if (!boardIds.has(record.boardId))
          throw new ArchiveError(`${where}: restore point of an unknown board`);
        archive.restorePoints.push({
          boardId: record.boardId,
          point: { ...record.point, state: decodeState(record.point.state, where) },
        });
        break;
      case 'audit':
        if (record.entry.boardId !== null && !boardIds.has(record.entry.boardId)) {
          // An audit line may name a board deleted since; it is kept without its board.
          archive.audit.push({ ...record.entry, boardId: null });
        } else archive.audit.push(record.entry);
        break;
      case 'end':
        ended = true;
        if (record.records !== index)
          throw new ArchiveError(
            `The archive is incomplete: ${index} records where its end record says ${record.records}`,
          );
        if (hash.digest('hex') !== record.sha256)
          throw new ArchiveError('The archive was changed or damaged (checksum mismatch)');
        continue;
    }
    hash.update(`${line}\n`);
  }
  if (!ended) throw new ArchiveError('The archive is cut short (no end record)');
  // Line 2 is always the event (checked above); this only convinces the compiler.
  if (event === null) throw new ArchiveError('The archive has no event');
  return { createdAt, event, ...archive };
}

import { z } from 'zod';
import { BOARD_ID_PATTERN, BOARD_PHASES, type BoardPhase } from '../../shared/protocol';

/**
 * The portable event archive: gzip-compressed JSON lines, one record per line, in this order:
 *
 *   header, event, board (one per board), restorePoint (zero or more), audit (oldest first), end
 *
 * JSON lines because each record is small and self-describing (`zcat f | head` shows what a file
 * is), it streams, and needs no library; gzip because board states are base64 and repetitive,
 * and its CRC-32 and length trailer catch a truncated or damaged file before we read a line. The
 * `end` record counts the records and carries the SHA-256 of every line before it, so a file that
 * was unpacked, cut or edited is refused too. Board documents are the full Yjs state
 * (`Y.encodeStateAsUpdate`), so the history the CRDT needs to merge offline tablets is kept.
 */
export const ARCHIVE_FORMAT = 'papan-rembuk-event-archive';
export const ARCHIVE_VERSION = 1;

/** Unpacked archives larger than this are refused (a gzip bomb must not fill the memory). */
export const MAX_ARCHIVE_UNPACKED_BYTES = 512 * 1024 * 1024;

/** A problem with an archive file: the message says what is wrong, for staff to read. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const boardId = z.string().regex(BOARD_ID_PATTERN, 'is not a board id');
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64')
  .refine((s) => s.length % 4 === 0, 'is not base64');
const time = z.number().int().nonnegative();

const Header = z.strictObject({
  kind: z.literal('header'),
  format: z.string(),
  version: z.number().int().positive(),
  createdAt: z.string(),
});

const GazetteerSchema = z.object({
  kabupaten: z.object({ kode: z.string().min(1), nama: z.string().min(1) }),
  kecamatan: z.array(
    z.object({
      kode: z.string().min(1),
      nama: z.string().min(1),
      desa: z.array(
        z.object({
          kode: z.string().min(1),
          nama: z.string().min(1),
          jenis: z.enum(['desa', 'kelurahan']),
        }),
      ),
    }),
  ),
});

const TaxonomySchema = z.array(
  z.object({
    id: z.string().min(1),
    nama: z.string().min(1),
    color: z.enum(['green', 'blue', 'orange', 'violet', 'red', 'yellow', 'light-blue', 'grey']),
  }),
);

const EventLine = z.strictObject({
  kind: z.literal('event'),
  event: z.strictObject({
    id: boardId,
    title: z.string().min(1).max(500),
    year: z.number().int().min(1900).max(3000),
    gazetteer: GazetteerSchema,
    taxonomy: TaxonomySchema,
    createdAt: time,
  }),
});

const BoardLine = z.strictObject({
  kind: z.literal('board'),
  board: z.strictObject({
    id: boardId,
    kind: z.enum(['kecamatan', 'merged']),
    kecamatanKode: z.string().min(1).nullable(),
    title: z.string().max(500),
    joinCode: z.string().regex(/^[A-Z0-9]{4,12}$/, 'is not a join code'),
    control: z.strictObject({
      locked: z.boolean(),
      phase: z.custom<BoardPhase>(
        (v) => typeof v === 'string' && (BOARD_PHASES as readonly string[]).includes(v),
        'is not a board phase',
      ),
      timerEndsAt: time.nullable(),
      voteBudget: z.number().int().min(0).max(1000),
    }),
    createdAt: time,
  }),
  /** The board document: `Y.encodeStateAsUpdate`, base64. */
  state: base64,
});

/** A restore point of a board (the slot is filled once the server keeps restore points). */
const RestorePointLine = z.strictObject({
  kind: z.literal('restorePoint'),
  boardId,
  point: z.strictObject({
    id: z.string().min(1).max(100),
    at: time,
    by: z.string().max(200),
    label: z.string().max(500).nullable(),
    counts: z.strictObject({
      cards: z.number().int().nonnegative(),
      clusters: z.number().int().nonnegative(),
      votes: z.number().int().nonnegative(),
    }),
    state: base64,
  }),
});

const AuditLine = z.strictObject({
  kind: z.literal('audit'),
  entry: z.strictObject({
    at: time,
    actor: z.string().max(500),
    role: z.string().max(50),
    action: z.string().min(1).max(100),
    boardId: boardId.nullable(),
    detail: z.record(z.string(), z.unknown()),
  }),
});

const EndLine = z.strictObject({
  kind: z.literal('end'),
  /** Number of records before this one. */
  records: z.number().int().nonnegative(),
  /** SHA-256 (hex) of every line before this one, newlines included. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Any one line of an archive. */
export const ArchiveLine = z.discriminatedUnion('kind', [
  Header,
  EventLine,
  BoardLine,
  RestorePointLine,
  AuditLine,
  EndLine,
]);

export type ArchiveLine = z.infer<typeof ArchiveLine>;
export type ArchivedEvent = z.infer<typeof EventLine>['event'];
export type ArchivedBoard = z.infer<typeof BoardLine>['board'] & { state: Uint8Array };
export type ArchivedRestorePoint = Omit<z.infer<typeof RestorePointLine>['point'], 'state'> & {
  state: Uint8Array;
};
export type ArchivedAuditEntry = z.infer<typeof AuditLine>['entry'];

/** An archive read and checked: everything an import needs, nothing trusted unchecked. */
export interface EventArchive {
  createdAt: string;
  event: ArchivedEvent;
  boards: ArchivedBoard[];
  restorePoints: { boardId: string; point: ArchivedRestorePoint }[];
  audit: ArchivedAuditEntry[];
}

import type pg from 'pg';
import type { BoardKind } from '../../shared/board/types';
import type { Gazetteer } from '../../shared/gazetteer/types';
import { applyControlPatch, isBoardPhase, type ControlPatch } from '../../shared/control';
import { DEFAULT_VOTE_BUDGET } from '../../shared/limits';
import type { Taxonomy } from '../../shared/taxonomy';
import { inTransaction } from '../store/postgres/openPgPool';
import type { AuditEntry } from './AuditLog';
import {
  controlOf,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  kecamatanBoardIds,
  randomCode,
  randomEventId,
  type BoardRecord,
  type EventRecord,
  type EventRepository,
  type NewBoard,
  type NewEvent,
} from './EventRepository';
import { insertAuditEntries } from './PgAuditLog';

/** A drawn join code is taken this rarely (26^6 codes) that a few tries always suffice. */
const JOIN_CODE_ATTEMPTS = 20;

type Queryable = pg.Pool | pg.PoolClient;

interface BoardRow {
  id: string;
  event_id: string;
  kind: BoardKind;
  kecamatan_kode: string | null;
  title: string;
  join_code: string;
  locked: boolean;
  phase: string;
  timer_ends_at: string | null;
  vote_budget: number;
  created_at: string;
}

interface EventRow {
  id: string;
  title: string;
  year: number;
  kabupaten_kode: string;
  kabupaten_nama: string;
  gazetteer_json: string;
  taxonomy_json: string;
  created_at: string;
}

// BIGINT columns come back as strings from pg; times fit a double.
function toBoard(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    kind: row.kind,
    kecamatanKode: row.kecamatan_kode,
    title: row.title,
    joinCode: row.join_code,
    locked: row.locked,
    phase: isBoardPhase(row.phase) ? row.phase : 'tulis',
    timerEndsAt: row.timer_ends_at === null ? null : Number(row.timer_ends_at),
    voteBudget: row.vote_budget,
    createdAt: Number(row.created_at),
  };
}

function toEvent(row: EventRow): EventRecord {
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    kabupaten: { kode: row.kabupaten_kode, nama: row.kabupaten_nama },
    gazetteer: JSON.parse(row.gazetteer_json) as Gazetteer,
    taxonomy: JSON.parse(row.taxonomy_json) as Taxonomy,
    createdAt: Number(row.created_at),
  };
}

// The SQLite order: NULLs first, byte-wise text ("C"), whatever the database's locale.
const BOARD_ORDER = `ORDER BY kind = 'merged', kecamatan_kode COLLATE "C" NULLS FIRST, created_at, id COLLATE "C"`;

/**
 * Events and their boards in PostgreSQL (scaled mode), shared by every instance. Join codes are
 * unique by index: an insert that drew a code another instance took meanwhile draws again
 * (`ON CONFLICT (join_code) DO NOTHING`, so the transaction it is in goes on). Control changes
 * lock the board's row, so two moderators on two instances never lose each other's change.
 */
export class PgEventRepository implements EventRepository {
  constructor(private readonly pool: pg.Pool) {}

  async createEvent(input: NewEvent): Promise<{ event: EventRecord; boards: BoardRecord[] }> {
    const id = input.id ?? randomEventId();
    const now = Date.now();
    return inTransaction(this.pool, async (client) => {
      const event = await insertEvent(client, {
        id,
        title: input.title,
        year: input.year,
        kabupaten: input.gazetteer.kabupaten,
        gazetteer: input.gazetteer,
        taxonomy: input.taxonomy,
        createdAt: now,
      });
      const boards: BoardRecord[] = [];
      for (const kec of kecamatanBoardIds(id, input.gazetteer)) {
        boards.push(
          await insertBoard(client, {
            id: kec.id,
            eventId: id,
            kind: 'kecamatan',
            kecamatanKode: kec.kode,
            title: `Kecamatan ${kec.nama}`,
            locked: false,
            phase: 'tulis',
            timerEndsAt: null,
            voteBudget: DEFAULT_VOTE_BUDGET,
            createdAt: now,
            joinCode: null,
          }),
        );
      }
      return { event, boards };
    });
  }

  addBoard(input: NewBoard): Promise<BoardRecord> {
    return insertBoard(this.pool, {
      ...input,
      locked: false,
      phase: 'tulis',
      timerEndsAt: null,
      voteBudget: DEFAULT_VOTE_BUDGET,
      createdAt: Date.now(),
      joinCode: null,
    });
  }

  async listEvents(): Promise<EventRecord[]> {
    const result = await this.pool.query<EventRow>(
      'SELECT * FROM events ORDER BY created_at DESC, id COLLATE "C"',
    );
    return result.rows.map(toEvent);
  }

  async getEvent(id: string): Promise<EventRecord | null> {
    const result = await this.pool.query<EventRow>('SELECT * FROM events WHERE id = $1', [id]);
    const row = result.rows[0];
    return row ? toEvent(row) : null;
  }

  async countEvents(): Promise<number> {
    const result = await this.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM events');
    return Number(result.rows[0]?.n ?? 0);
  }

  async listBoards(eventId: string): Promise<BoardRecord[]> {
    const result = await this.pool.query<BoardRow>(
      `SELECT * FROM boards WHERE event_id = $1 ${BOARD_ORDER}`,
      [eventId],
    );
    return result.rows.map(toBoard);
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const result = await this.pool.query<BoardRow>('SELECT * FROM boards WHERE id = $1', [id]);
    const row = result.rows[0];
    return row ? toBoard(row) : null;
  }

  async getBoardByJoinCode(code: string): Promise<BoardRecord | null> {
    const result = await this.pool.query<BoardRow>('SELECT * FROM boards WHERE join_code = $1', [
      code.trim().toUpperCase(),
    ]);
    const row = result.rows[0];
    return row ? toBoard(row) : null;
  }

  updateControl(id: string, patch: ControlPatch): Promise<BoardRecord> {
    return inTransaction(this.pool, async (client) => {
      const result = await client.query<BoardRow>('SELECT * FROM boards WHERE id = $1 FOR UPDATE', [
        id,
      ]);
      const row = result.rows[0];
      if (!row) throw new Error(`no board ${id}`);
      const current = toBoard(row);
      const next = { ...current, ...applyControlPatch(controlOf(current), patch) };
      await client.query(
        'UPDATE boards SET locked = $1, phase = $2, timer_ends_at = $3, vote_budget = $4 WHERE id = $5',
        [next.locked, next.phase, next.timerEndsAt, next.voteBudget, id],
      );
      return next;
    });
  }

  async uniqueJoinCode(): Promise<string> {
    for (;;) {
      const code = randomCode(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
      const taken = await this.pool.query('SELECT 1 FROM boards WHERE join_code = $1', [code]);
      if (taken.rowCount === 0) return code;
    }
  }

  importEvent(
    event: EventRecord,
    boards: readonly BoardRecord[],
    audit: readonly Omit<AuditEntry, 'id'>[],
  ): Promise<BoardRecord[]> {
    return inTransaction(this.pool, async (client) => {
      await insertEvent(client, event);
      const stored: BoardRecord[] = [];
      for (const board of boards) stored.push(await insertBoard(client, board));
      await insertAuditEntries(client, audit);
      return stored;
    });
  }

  async runExclusively<T>(fn: () => Promise<T>): Promise<T> {
    // Advisory locks are per database; the key carries the schema so test schemas side by side
    // do not wait for each other. The lock is the session's, so it is held on one client.
    const client = await this.pool.connect();
    const key = "hashtext('papan-exclusive:' || current_schema())";
    try {
      await client.query(`SELECT pg_advisory_lock(${key})`);
      try {
        return await fn();
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${key})`);
      }
    } finally {
      client.release();
    }
  }
}

async function insertEvent(db: Queryable, event: EventRecord): Promise<EventRecord> {
  const result = await db.query<EventRow>(
    `INSERT INTO events (id, title, year, kabupaten_kode, kabupaten_nama, gazetteer_json, taxonomy_json, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [
      event.id,
      event.title,
      event.year,
      event.gazetteer.kabupaten.kode,
      event.gazetteer.kabupaten.nama,
      JSON.stringify(event.gazetteer),
      JSON.stringify(event.taxonomy),
      event.createdAt,
    ],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`event ${event.id} was not stored`);
  return toEvent(row);
}

/**
 * Inserts a board with its join code, or a fresh one when `joinCode` is null or already taken
 * (by this transaction's boards or another instance's). A taken board id still throws.
 */
async function insertBoard(
  db: Queryable,
  board: Omit<BoardRecord, 'joinCode'> & { joinCode: string | null },
): Promise<BoardRecord> {
  let joinCode = board.joinCode ?? randomCode(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
  for (let attempt = 0; attempt < JOIN_CODE_ATTEMPTS; attempt++) {
    const result = await db.query<BoardRow>(
      `INSERT INTO boards (id, event_id, kind, kecamatan_kode, title, join_code, locked, phase, timer_ends_at, vote_budget, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (join_code) DO NOTHING RETURNING *`,
      [
        board.id,
        board.eventId,
        board.kind,
        board.kecamatanKode,
        board.title,
        joinCode,
        board.locked,
        board.phase,
        board.timerEndsAt,
        board.voteBudget,
        board.createdAt,
      ],
    );
    const row = result.rows[0];
    if (row) return toBoard(row);
    joinCode = randomCode(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
  }
  throw new Error(`no free join code for board ${board.id} after ${JOIN_CODE_ATTEMPTS} tries`);
}

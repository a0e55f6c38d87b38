import type Database from 'better-sqlite3';
import type { BoardKind } from '../../shared/board/types';
import type { Gazetteer } from '../../shared/gazetteer/types';
import { applyControlPatch, isBoardPhase, type ControlPatch } from '../../shared/control';
import { DEFAULT_VOTE_BUDGET } from '../../shared/limits';
import type { Taxonomy } from '../../shared/taxonomy';
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
import { insertAuditEntries } from './SqliteAuditLog';

interface BoardRow {
  id: string;
  event_id: string;
  kind: BoardKind;
  kecamatan_kode: string | null;
  title: string;
  join_code: string;
  locked: number;
  phase: string;
  timer_ends_at: number | null;
  vote_budget: number;
  created_at: number;
}

interface EventRow {
  id: string;
  title: string;
  year: number;
  kabupaten_kode: string;
  kabupaten_nama: string;
  gazetteer_json: string;
  taxonomy_json: string;
  created_at: number;
}

function toBoard(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    kind: row.kind,
    kecamatanKode: row.kecamatan_kode,
    title: row.title,
    joinCode: row.join_code,
    locked: row.locked === 1,
    phase: isBoardPhase(row.phase) ? row.phase : 'tulis',
    timerEndsAt: row.timer_ends_at,
    voteBudget: row.vote_budget,
    createdAt: row.created_at,
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
    createdAt: row.created_at,
  };
}

/**
 * Events and their boards in the SQLite file (embedded mode). One process owns the file, so the
 * methods do their work synchronously and only answer through a promise, at the old speed.
 */
export class SqliteEventRepository implements EventRepository {
  private exclusive: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database.Database) {}

  async createEvent(input: NewEvent): Promise<{ event: EventRecord; boards: BoardRecord[] }> {
    const id = input.id ?? randomEventId();
    const now = Date.now();
    return this.db.transaction(() => {
      this.insertEvent({
        id,
        title: input.title,
        year: input.year,
        kabupaten: input.gazetteer.kabupaten,
        gazetteer: input.gazetteer,
        taxonomy: input.taxonomy,
        createdAt: now,
      });
      const boards = kecamatanBoardIds(id, input.gazetteer).map((kec) =>
        this.insertBoard({
          id: kec.id,
          eventId: id,
          kind: 'kecamatan',
          kecamatanKode: kec.kode,
          title: `Kecamatan ${kec.nama}`,
        }),
      );
      const event = this.eventById(id);
      if (!event) throw new Error('event vanished inside its own transaction');
      return { event, boards };
    })();
  }

  async addBoard(input: NewBoard): Promise<BoardRecord> {
    return this.insertBoard(input);
  }

  async listEvents(): Promise<EventRecord[]> {
    return (
      this.db.prepare('SELECT * FROM events ORDER BY created_at DESC, id').all() as EventRow[]
    ).map(toEvent);
  }

  async getEvent(id: string): Promise<EventRecord | null> {
    return this.eventById(id);
  }

  async countEvents(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  }

  async listBoards(eventId: string): Promise<BoardRecord[]> {
    return (
      this.db
        .prepare(
          `SELECT * FROM boards WHERE event_id = ? ORDER BY kind = 'merged', kecamatan_kode, created_at, id`,
        )
        .all(eventId) as BoardRow[]
    ).map(toBoard);
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    return this.boardById(id);
  }

  async getBoardByJoinCode(code: string): Promise<BoardRecord | null> {
    const row = this.db
      .prepare('SELECT * FROM boards WHERE join_code = ?')
      .get(code.trim().toUpperCase()) as BoardRow | undefined;
    return row ? toBoard(row) : null;
  }

  async updateControl(id: string, patch: ControlPatch): Promise<BoardRecord> {
    return this.db.transaction(() => {
      const current = this.boardById(id);
      if (!current) throw new Error(`no board ${id}`);
      const next = { ...current, ...applyControlPatch(controlOf(current), patch) };
      this.db
        .prepare(
          'UPDATE boards SET locked = ?, phase = ?, timer_ends_at = ?, vote_budget = ? WHERE id = ?',
        )
        .run(next.locked ? 1 : 0, next.phase, next.timerEndsAt, next.voteBudget, id);
      return next;
    })();
  }

  async uniqueJoinCode(): Promise<string> {
    return this.freeJoinCode();
  }

  async importEvent(
    event: EventRecord,
    boards: readonly BoardRecord[],
    audit: readonly Omit<AuditEntry, 'id'>[],
  ): Promise<BoardRecord[]> {
    return this.db.transaction(() => {
      this.insertEvent(event);
      const insert = this.db.prepare(
        `INSERT INTO boards (id, event_id, kind, kecamatan_kode, title, join_code, locked, phase, timer_ends_at, vote_budget, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const stored = boards.map((b) => {
        const taken = this.db.prepare('SELECT 1 FROM boards WHERE join_code = ?').get(b.joinCode);
        const board = taken ? { ...b, joinCode: this.freeJoinCode() } : b;
        insert.run(
          board.id,
          board.eventId,
          board.kind,
          board.kecamatanKode,
          board.title,
          board.joinCode,
          board.locked ? 1 : 0,
          board.phase,
          board.timerEndsAt,
          board.voteBudget,
          board.createdAt,
        );
        return board;
      });
      insertAuditEntries(this.db, audit);
      return stored;
    })();
  }

  async runExclusively<T>(fn: () => Promise<T>): Promise<T> {
    // The embedded mode has one server per SQLite file: waiting for this process's own callers
    // is enough.
    const run = this.exclusive.then(fn);
    this.exclusive = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private insertEvent(event: EventRecord): void {
    this.db
      .prepare(
        `INSERT INTO events (id, title, year, kabupaten_kode, kabupaten_nama, gazetteer_json, taxonomy_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        event.id,
        event.title,
        event.year,
        event.gazetteer.kabupaten.kode,
        event.gazetteer.kabupaten.nama,
        JSON.stringify(event.gazetteer),
        JSON.stringify(event.taxonomy),
        event.createdAt,
      );
  }

  private insertBoard(input: NewBoard): BoardRecord {
    this.db
      .prepare(
        `INSERT INTO boards (id, event_id, kind, kecamatan_kode, title, join_code, vote_budget, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.id,
        input.eventId,
        input.kind,
        input.kecamatanKode,
        input.title,
        this.freeJoinCode(),
        DEFAULT_VOTE_BUDGET,
        Date.now(),
      );
    const board = this.boardById(input.id);
    if (!board) throw new Error(`board ${input.id} was not stored`);
    return board;
  }

  private eventById(id: string): EventRecord | null {
    const row = this.db.prepare('SELECT * FROM events WHERE id = ?').get(id) as
      EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  private boardById(id: string): BoardRecord | null {
    const row = this.db.prepare('SELECT * FROM boards WHERE id = ?').get(id) as
      BoardRow | undefined;
    return row ? toBoard(row) : null;
  }

  private freeJoinCode(): string {
    const exists = this.db.prepare('SELECT 1 FROM boards WHERE join_code = ?');
    for (;;) {
      const code = randomCode(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
      if (!exists.get(code)) return code;
    }
  }
}

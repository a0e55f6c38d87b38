import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Gazetteer } from '../../shared/gazetteer/types';
import type { Taxonomy } from '../../shared/taxonomy';
import type { BoardKind } from '../../shared/board/types';
import {
  applyControlPatch,
  isBoardPhase,
  type ControlPatch,
  type ControlState,
} from '../../shared/control';
import { DEFAULT_VOTE_BUDGET } from '../../shared/limits';

/** An event as stored. */
export interface EventRecord {
  id: string;
  title: string;
  year: number;
  kabupaten: { kode: string; nama: string };
  gazetteer: Gazetteer;
  taxonomy: Taxonomy;
  createdAt: number;
}

/** A board as stored (its document lives in the DocStore), with its control state. */
export interface BoardRecord extends ControlState {
  id: string;
  eventId: string;
  kind: BoardKind;
  kecamatanKode: string | null;
  title: string;
  joinCode: string;
  createdAt: number;
}

/** The server-authoritative control state of a board, as rooms and the API carry it. */
export function controlOf(board: BoardRecord): ControlState {
  return {
    locked: board.locked,
    phase: board.phase,
    timerEndsAt: board.timerEndsAt,
    voteBudget: board.voteBudget,
  };
}

/** Join codes use letters and digits that cannot be mistaken for each other when read aloud or off a screen. */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679';
export const JOIN_CODE_LENGTH = 6;

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

/** A board-id-safe slug of a place name: "Paringin Selatan" -> "paringin-selatan". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** Events and their boards in SQLite. */
export class EventRepository {
  constructor(private readonly db: Database.Database) {}

  /** Creates an event with one board per kecamatan of its gazetteer, all or nothing. */
  createEvent(input: {
    id?: string;
    title: string;
    year: number;
    gazetteer: Gazetteer;
    taxonomy: Taxonomy;
  }): { event: EventRecord; boards: BoardRecord[] } {
    const id = input.id ?? `e${this.randomCode('abcdefghijkmnpqrstuvwxyz23456789', 6)}`;
    const now = Date.now();
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO events (id, title, year, kabupaten_kode, kabupaten_nama, gazetteer_json, taxonomy_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.title,
          input.year,
          input.gazetteer.kabupaten.kode,
          input.gazetteer.kabupaten.nama,
          JSON.stringify(input.gazetteer),
          JSON.stringify(input.taxonomy),
          now,
        );
      const taken = new Set<string>();
      const boards = input.gazetteer.kecamatan.map((kec) => {
        // Names can slug alike ("Tanjung", "Tanjung."); the kecamatan code keeps ids unique.
        let boardId = `${id}-${slugify(kec.nama) || kec.kode.replace(/\./g, '-')}`;
        if (taken.has(boardId)) boardId = `${id}-${kec.kode.replace(/\./g, '-')}`;
        taken.add(boardId);
        return this.addBoard({
          id: boardId,
          eventId: id,
          kind: 'kecamatan',
          kecamatanKode: kec.kode,
          title: `Kecamatan ${kec.nama}`,
        });
      });
      const event = this.getEvent(id);
      if (!event) throw new Error('event vanished inside its own transaction');
      return { event, boards };
    })();
  }

  /** Adds a board (a kecamatan board or a merged kabupaten board) to an event. */
  addBoard(input: {
    id: string;
    eventId: string;
    kind: BoardKind;
    kecamatanKode: string | null;
    title: string;
  }): BoardRecord {
    const joinCode = this.uniqueJoinCode();
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
        joinCode,
        DEFAULT_VOTE_BUDGET,
        Date.now(),
      );
    const board = this.getBoard(input.id);
    if (!board) throw new Error(`board ${input.id} was not stored`);
    return board;
  }

  /** All events, newest first. */
  listEvents(): EventRecord[] {
    return (
      this.db.prepare('SELECT * FROM events ORDER BY created_at DESC, id').all() as EventRow[]
    ).map(toEvent);
  }

  /** One event, or null. */
  getEvent(id: string): EventRecord | null {
    const row = this.db.prepare('SELECT * FROM events WHERE id = ?').get(id) as
      EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  /** Number of events (zero means a first start). */
  countEvents(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  }

  /** The boards of an event, kecamatan boards by code, then merged boards. */
  listBoards(eventId: string): BoardRecord[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM boards WHERE event_id = ? ORDER BY kind = 'merged', kecamatan_kode, created_at, id`,
        )
        .all(eventId) as BoardRow[]
    ).map(toBoard);
  }

  /** One board, or null. */
  getBoard(id: string): BoardRecord | null {
    const row = this.db.prepare('SELECT * FROM boards WHERE id = ?').get(id) as
      BoardRow | undefined;
    return row ? toBoard(row) : null;
  }

  /** The board with this join code (case-insensitive), or null. */
  getBoardByJoinCode(code: string): BoardRecord | null {
    const row = this.db
      .prepare('SELECT * FROM boards WHERE join_code = ?')
      .get(code.trim().toUpperCase()) as BoardRow | undefined;
    return row ? toBoard(row) : null;
  }

  /** Changes a board's server-side control state and returns the new record. */
  updateControl(id: string, patch: ControlPatch): BoardRecord {
    const current = this.getBoard(id);
    if (!current) throw new Error(`no board ${id}`);
    const next = { ...current, ...applyControlPatch(controlOf(current), patch) };
    this.db
      .prepare(
        'UPDATE boards SET locked = ?, phase = ?, timer_ends_at = ?, vote_budget = ? WHERE id = ?',
      )
      .run(next.locked ? 1 : 0, next.phase, next.timerEndsAt, next.voteBudget, id);
    return next;
  }

  /**
   * Inserts an event and its boards exactly as given (ids, times, join codes, control state):
   * for an event brought from an archive. The caller checks the ids and codes are free.
   */
  insertImported(event: EventRecord, boards: readonly BoardRecord[]): void {
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
    const insert = this.db.prepare(
      `INSERT INTO boards (id, event_id, kind, kecamatan_kode, title, join_code, locked, phase, timer_ends_at, vote_budget, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const b of boards) {
      insert.run(
        b.id,
        b.eventId,
        b.kind,
        b.kecamatanKode,
        b.title,
        b.joinCode,
        b.locked ? 1 : 0,
        b.phase,
        b.timerEndsAt,
        b.voteBudget,
        b.createdAt,
      );
    }
  }

  /** A join code no board uses yet. */
  uniqueJoinCode(): string {
    const exists = this.db.prepare('SELECT 1 FROM boards WHERE join_code = ?');
    for (;;) {
      const code = this.randomCode(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
      if (!exists.get(code)) return code;
    }
  }

  private randomCode(alphabet: string, length: number): string {
    let code = '';
    for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
    return code;
  }
}

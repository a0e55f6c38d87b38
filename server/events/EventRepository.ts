import { randomInt } from 'node:crypto';
import type { Gazetteer } from '../../shared/gazetteer/types';
import type { Taxonomy } from '../../shared/taxonomy';
import type { BoardKind } from '../../shared/board/types';
import type { ControlPatch, ControlState } from '../../shared/control';
import type { AuditEntry } from './AuditLog';

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

/** A board-id-safe slug of a place name: "Paringin Selatan" -> "paringin-selatan". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** A random code of `length` characters from `alphabet` (join codes, event ids). */
export function randomCode(alphabet: string, length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/** A fresh event id: `e` and six unambiguous lower-case characters. */
export function randomEventId(): string {
  return `e${randomCode('abcdefghijkmnpqrstuvwxyz23456789', 6)}`;
}

/** The board ids of a new event: one per kecamatan, named after it. */
export function kecamatanBoardIds(
  eventId: string,
  gazetteer: Gazetteer,
): { id: string; kode: string; nama: string }[] {
  const taken = new Set<string>();
  return gazetteer.kecamatan.map((kec) => {
    // Names can slug alike ("Tanjung", "Tanjung."); the kecamatan code keeps ids unique.
    let id = `${eventId}-${slugify(kec.nama) || kec.kode.replace(/\./g, '-')}`;
    if (taken.has(id)) id = `${eventId}-${kec.kode.replace(/\./g, '-')}`;
    taken.add(id);
    return { id, kode: kec.kode, nama: kec.nama };
  });
}

/** What creating an event takes. */
export interface NewEvent {
  id?: string;
  title: string;
  year: number;
  gazetteer: Gazetteer;
  taxonomy: Taxonomy;
}

/** What adding a board takes (its join code is drawn by the repository). */
export interface NewBoard {
  id: string;
  eventId: string;
  kind: BoardKind;
  kecamatanKode: string | null;
  title: string;
}

/**
 * Events, their boards and the boards' control state: SQLite in the embedded mode
 * (SqliteEventRepository), PostgreSQL shared by every instance in the scaled mode
 * (PgEventRepository). Join codes are unique across the whole database.
 */
export interface EventRepository {
  /** Creates an event with one board per kecamatan of its gazetteer, all or nothing. */
  createEvent(input: NewEvent): Promise<{ event: EventRecord; boards: BoardRecord[] }>;
  /** Adds a board (a kecamatan board or a merged kabupaten board) to an event. */
  addBoard(input: NewBoard): Promise<BoardRecord>;
  /** All events, newest first. */
  listEvents(): Promise<EventRecord[]>;
  /** One event, or null. */
  getEvent(id: string): Promise<EventRecord | null>;
  /** Number of events (zero means a first start). */
  countEvents(): Promise<number>;
  /** The boards of an event, kecamatan boards by code, then merged boards. */
  listBoards(eventId: string): Promise<BoardRecord[]>;
  /** One board, or null. */
  getBoard(id: string): Promise<BoardRecord | null>;
  /** The board with this join code (case-insensitive), or null. */
  getBoardByJoinCode(code: string): Promise<BoardRecord | null>;
  /** Changes a board's server-side control state (atomically) and returns the new record. */
  updateControl(id: string, patch: ControlPatch): Promise<BoardRecord>;
  /** A join code no board uses yet (a board inserted later may still take it: see importEvent). */
  uniqueJoinCode(): Promise<string>;
  /**
   * Inserts an event brought from an archive exactly as given (ids, times, control state) with
   * its audit entries, in one transaction. The caller checks the ids are free; a join code taken
   * meanwhile is replaced by a fresh one. Returns the boards as stored.
   */
  importEvent(
    event: EventRecord,
    boards: readonly BoardRecord[],
    audit: readonly Omit<AuditEntry, 'id'>[],
  ): Promise<BoardRecord[]>;
  /**
   * Runs `fn` while no other caller of runExclusively on the same database runs (across
   * instances in the scaled mode): the demo seed, so instances starting together seed once.
   */
  runExclusively<T>(fn: () => Promise<T>): Promise<T>;
}

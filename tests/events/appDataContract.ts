import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenRepository } from '../../server/auth/TokenRepository';
import type { AuditLog } from '../../server/events/AuditLog';
import { loadDefaultGazetteer } from '../../server/events/defaultGazetteer';
import {
  JOIN_CODE_ALPHABET,
  type BoardRecord,
  type EventRepository,
} from '../../server/events/EventRepository';
import { seedDemo } from '../../server/events/seedDemo';
import { MemoryDocStore } from '../../server/store/MemoryDocStore';
import type { Principal } from '../../shared/roles';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';

/** One open of the application data: what one server instance holds. */
export interface AppDataSet {
  events: EventRepository;
  tokens: TokenRepository;
  audit: AuditLog;
  /** Every stored token row, as text (to check no plain token is stored). */
  tokenRows(): Promise<string>;
  close(): Promise<void>;
}

/** Makes a fresh database per test and opens it, as often as a test asks. */
export interface AppDataHarness {
  setUp(): Promise<void>;
  open(opts?: { now?: () => number; adminToken?: string | null }): Promise<AppDataSet>;
  /**
   * Another instance on the same database. The embedded mode has one server per SQLite file,
   * so its harness answers with `set` itself.
   */
  peer(set: AppDataSet): Promise<AppDataSet>;
  tearDown(): Promise<void>;
}

const MODERATOR: Principal = {
  tokenId: 't',
  role: 'moderator',
  name: 'Mod',
  eventId: 'e1',
  boardId: null,
};

function newEvent(id?: string) {
  return {
    ...(id ? { id } : {}),
    title: 'Rembuk Remas 2025',
    year: 2025,
    gazetteer: loadDefaultGazetteer(),
    taxonomy: DEFAULT_TAXONOMY,
  };
}

/**
 * What every implementation of the events, token and audit repositories must do; run against
 * SQLite (tests/events) and PostgreSQL (tests/scaled).
 */
export function appDataContract(name: string, harness: AppDataHarness): void {
  describe(`${name} (application data contract)`, () => {
    const opened: AppDataSet[] = [];
    const open = async (opts?: Parameters<AppDataHarness['open']>[0]) => {
      const set = await harness.open(opts);
      opened.push(set);
      return set;
    };
    const peer = async (set: AppDataSet) => {
      const other = await harness.peer(set);
      if (other !== set) opened.push(other);
      return other;
    };

    beforeEach(() => harness.setUp());
    afterEach(async () => {
      for (const set of opened.splice(0)) await set.close();
      await harness.tearDown();
    });

    it('creates one board per kecamatan with unique unambiguous join codes', async () => {
      const { events } = await open();
      expect(await events.countEvents()).toBe(0);
      const { event, boards } = await events.createEvent(newEvent());
      expect(boards).toHaveLength(8);
      expect(boards.map((b) => b.id)).toContain(`${event.id}-paringin-selatan`);
      const codes = boards.map((b) => b.joinCode);
      expect(new Set(codes).size).toBe(8);
      for (const code of codes)
        expect([...code].every((ch) => JOIN_CODE_ALPHABET.includes(ch))).toBe(true);
      expect((await events.getBoardByJoinCode(` ${codes[0]!.toLowerCase()} `))?.id).toBe(
        boards[0]!.id,
      );
      expect(await events.getBoardByJoinCode('ZZZZZZ')).toBeNull();
      expect(await events.listBoards(event.id)).toEqual(boards);
      expect(await events.getEvent(event.id)).toEqual(event);
      expect(event.kabupaten).toEqual(loadDefaultGazetteer().kabupaten);
      expect(await events.getEvent('nope')).toBeNull();
      expect(await events.countEvents()).toBe(1);
    });

    it('lists events newest first and merged boards after kecamatan boards', async () => {
      const { events } = await open();
      const first = await events.createEvent(newEvent('ea'));
      await new Promise((resolve) => setTimeout(resolve, 5));
      await events.createEvent(newEvent('eb'));
      expect((await events.listEvents()).map((e) => e.id)).toEqual(['eb', 'ea']);
      const merged = await events.addBoard({
        id: 'ea-kabupaten',
        eventId: 'ea',
        kind: 'merged',
        kecamatanKode: null,
        title: 'Kabupaten',
      });
      expect(merged).toMatchObject({ kind: 'merged', locked: false, phase: 'tulis' });
      const listed = await events.listBoards('ea');
      expect(listed.at(-1)).toEqual(merged);
      expect(listed.slice(0, -1)).toEqual(first.boards);
      expect(await events.getBoard('ea-kabupaten')).toEqual(merged);
    });

    it('gives kecamatan whose names slug alike distinct board ids', async () => {
      const { events } = await open();
      const gazetteer = {
        kabupaten: { kode: '63.01', nama: 'Kab X' },
        kecamatan: [
          { kode: '63.01.01', nama: 'Tanjung', desa: [] },
          { kode: '63.01.02', nama: 'Tanjung.', desa: [] },
        ],
      };
      const { boards } = await events.createEvent({ ...newEvent('ex'), gazetteer });
      expect(boards.map((b) => b.id)).toEqual(['ex-tanjung', 'ex-63-01-02']);
    });

    it('creates an event all or nothing', async () => {
      const { events } = await open();
      await events.createEvent(newEvent('dup'));
      await expect(events.createEvent(newEvent('dup'))).rejects.toThrow();
      expect(await events.countEvents()).toBe(1);
      expect(await events.listBoards('dup')).toHaveLength(8);
    });

    it('stores control state per board, and two changes at once both land', async () => {
      const a = await open();
      const b = await peer(a);
      const { boards } = await a.events.createEvent(newEvent());
      const id = boards[0]!.id;
      const next = await a.events.updateControl(id, {
        locked: true,
        phase: 'pilih',
        timerEndsAt: 1_900_000_000_000,
      });
      expect(next).toMatchObject({
        locked: true,
        phase: 'pilih',
        timerEndsAt: 1_900_000_000_000,
        voteBudget: 3,
      });
      expect(await b.events.getBoard(id)).toEqual(next);
      await Promise.all([
        a.events.updateControl(id, { locked: false }),
        b.events.updateControl(id, { voteBudget: 7 }),
      ]);
      expect(await a.events.getBoard(id)).toMatchObject({
        locked: false,
        phase: 'pilih',
        voteBudget: 7,
      });
      expect(await b.events.getBoard(boards[1]!.id)).toMatchObject({ locked: false });
      await expect(a.events.updateControl('no-such-board', { locked: true })).rejects.toThrow(
        /no board/,
      );
    });

    it('keeps join codes unique when instances create events at once', async () => {
      const a = await open();
      const b = await peer(a);
      const created = await Promise.all(
        ['p1', 'p2', 'p3', 'p4'].map((id, i) => (i % 2 ? b : a).events.createEvent(newEvent(id))),
      );
      const codes = created.flatMap(({ boards }) => boards.map((x) => x.joinCode));
      expect(new Set(codes).size).toBe(32);
      expect(codes).not.toContain(await a.events.uniqueJoinCode());
    });

    it('imports an event exactly as archived, with its audit entries, in one transaction', async () => {
      const { events, audit } = await open();
      const { boards: existing } = await events.createEvent(newEvent('here'));
      const event = {
        id: 'imp',
        title: 'Dari arsip',
        year: 2024,
        kabupaten: loadDefaultGazetteer().kabupaten,
        gazetteer: loadDefaultGazetteer(),
        taxonomy: DEFAULT_TAXONOMY,
        createdAt: 1_700_000_000_000,
      };
      const archived: BoardRecord[] = [
        {
          id: 'imp-a',
          eventId: 'imp',
          kind: 'kecamatan',
          kecamatanKode: '63.11.01',
          title: 'A',
          joinCode: 'AAAAAA',
          locked: true,
          phase: 'pilih',
          timerEndsAt: 1_700_000_100_000,
          voteBudget: 5,
          createdAt: 1_700_000_000_001,
        },
        // Its code is taken here: the import draws a fresh one.
        { ...existing[0]!, id: 'imp-b', eventId: 'imp', kecamatanKode: '63.11.02', title: 'B' },
      ];
      const entries = [
        {
          at: 1,
          actor: 'Mod',
          role: 'moderator',
          action: 'board.lock',
          eventId: 'imp',
          boardId: 'imp-a',
          detail: { locked: true },
        },
        {
          at: 2,
          actor: 'system',
          role: 'system',
          action: 'event.import',
          eventId: 'imp',
          boardId: null,
          detail: {},
        },
      ];
      const stored = await events.importEvent(event, archived, entries);
      expect(stored[0]).toEqual(archived[0]);
      expect(stored[1]!.joinCode).not.toBe(existing[0]!.joinCode);
      expect(stored[1]).toEqual({ ...archived[1], joinCode: stored[1]!.joinCode });
      expect(await events.getEvent('imp')).toEqual(event);
      expect(await events.listBoards('imp')).toEqual(stored);
      expect((await audit.listAll('imp')).map(({ id: _id, ...e }) => e)).toEqual(entries);

      // A board id that is taken sinks the whole import: no event, no audit lines.
      await expect(
        events.importEvent(
          { ...event, id: 'imp2' },
          [{ ...archived[0]!, id: existing[1]!.id, eventId: 'imp2', joinCode: 'CCCCCC' }],
          [{ ...entries[0]!, eventId: 'imp2' }],
        ),
      ).rejects.toThrow();
      expect(await events.getEvent('imp2')).toBeNull();
      expect(await audit.listAll('imp2')).toEqual([]);
    });

    it('seeds the demo event once when instances start together', async () => {
      const a = await open();
      const b = await peer(a);
      const store = new MemoryDocStore();
      const seeded = await Promise.all([
        seedDemo(a.events, store),
        seedDemo(b.events, store),
        seedDemo(a.events, store),
      ]);
      expect(seeded.filter(Boolean)).toHaveLength(1);
      expect(await b.events.countEvents()).toBe(1);
      expect(await a.events.listBoards('demo')).toHaveLength(8);
      expect((await store.stats('demo-juai')).lastSeq).toBe(1);
    });

    it('stores only a token hash, verifies scope, and refuses expired and revoked tokens', async () => {
      let now = 1_000_000;
      const { tokens, tokenRows } = await open({ now: () => now });
      const { token, id } = await tokens.issue({
        role: 'participant',
        name: 'Ani',
        eventId: 'e1',
        boardId: 'e1-juai',
        ttlMs: 1000,
      });
      expect(await tokenRows()).not.toContain(token);
      expect(await tokens.verify(token)).toEqual({
        tokenId: id,
        role: 'participant',
        eventId: 'e1',
        boardId: 'e1-juai',
        name: 'Ani',
      });
      expect(await tokens.verify(`${token}x`)).toBeNull();
      expect(await tokens.verify('')).toBeNull();
      expect(await tokens.verify(null)).toBeNull();
      now += 1000;
      expect(await tokens.verify(token)).toBeNull();
      const other = await tokens.issue({ role: 'moderator', name: 'Mod', eventId: 'e1' });
      expect((await tokens.verify(other.token))?.role).toBe('moderator');
      await tokens.revoke(other.id);
      expect(await tokens.verify(other.token)).toBeNull();
      expect(id).not.toBe(other.id);
    });

    it('verifies a token on another instance than the one that issued it', async () => {
      const a = await open();
      const b = await peer(a);
      const { token, id } = await a.tokens.issue({ role: 'staff', name: 'Staf' });
      expect((await b.tokens.verify(token))?.tokenId).toBe(id);
      await b.tokens.revoke(id);
      expect(await a.tokens.verify(token)).toBeNull();
    });

    it('treats PAPAN_ADMIN_TOKEN as a staff token and refuses unscoped tokens', async () => {
      const { tokens } = await open({ adminToken: 'admin-secret-1234567' });
      expect((await tokens.verify('admin-secret-1234567'))?.role).toBe('staff');
      expect(await tokens.verify('admin-secret-1234568')).toBeNull();
      await expect(tokens.issue({ role: 'moderator', name: 'x' })).rejects.toThrow(/event/);
      await expect(tokens.issue({ role: 'participant', name: 'x', eventId: 'e1' })).rejects.toThrow(
        /board/,
      );
    });

    it('appends audit entries, lists them newest first and imports archived ones in order', async () => {
      const a = await open();
      const b = await peer(a);
      await a.audit.record('system', 'event.create', { eventId: 'e1' });
      await b.audit.record(
        MODERATOR,
        'board.lock',
        { eventId: 'e1', boardId: 'e1-juai' },
        { locked: true },
      );
      await a.audit.record('system', 'event.create', { eventId: 'e2' });
      const entries = await a.audit.list('e1');
      expect(entries.map((e) => e.action)).toEqual(['board.lock', 'event.create']);
      expect(entries[0]).toMatchObject({
        actor: 'Mod',
        role: 'moderator',
        eventId: 'e1',
        boardId: 'e1-juai',
        detail: { locked: true },
      });
      expect(await a.audit.list('e1', 1)).toEqual(entries.slice(0, 1));
      expect(await b.audit.listAll('e1')).toEqual([...entries].reverse());
      const archived = [3, 1, 2].map((at) => ({
        at,
        actor: 'Lama',
        role: 'moderator',
        action: `old.${at}`,
        eventId: 'e3',
        boardId: null,
        detail: { at },
      }));
      await a.audit.importEntries(archived);
      expect((await b.audit.listAll('e3')).map(({ id: _id, ...e }) => e)).toEqual(archived);
    });
  });
}

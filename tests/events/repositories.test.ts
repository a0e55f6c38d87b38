import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board/readBoard';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { TokenRepository } from '../../server/auth/TokenRepository';
import { RateLimiter } from '../../server/api/RateLimiter';
import { migrateAppSchema } from '../../server/events/appSchema';
import { AuditLog } from '../../server/events/AuditLog';
import { loadDefaultGazetteer } from '../../server/events/defaultGazetteer';
import { EventRepository, JOIN_CODE_ALPHABET, slugify } from '../../server/events/EventRepository';
import { seedDemo } from '../../server/events/seedDemo';
import { MemoryDocStore } from '../../server/store/MemoryDocStore';
import { openDatabase } from '../../server/store/openDatabase';

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'papan-events-'));
  db = openDatabase(dir);
  migrateAppSchema(db);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('events and boards', () => {
  it('creates one board per kecamatan with unique unambiguous join codes', () => {
    const events = new EventRepository(db);
    const { event, boards } = events.createEvent({
      title: 'Rembuk Remas 2025',
      year: 2025,
      gazetteer: loadDefaultGazetteer(),
      taxonomy: DEFAULT_TAXONOMY,
    });
    expect(boards).toHaveLength(8);
    expect(boards.map((b) => b.id)).toContain(`${event.id}-paringin-selatan`);
    const codes = boards.map((b) => b.joinCode);
    expect(new Set(codes).size).toBe(8);
    for (const code of codes)
      expect([...code].every((ch) => JOIN_CODE_ALPHABET.includes(ch))).toBe(true);
    expect(events.getBoardByJoinCode(codes[0]!.toLowerCase())?.id).toBe(boards[0]!.id);
    expect(events.listBoards(event.id).map((b) => b.kecamatanKode)).toEqual(
      boards.map((b) => b.kecamatanKode),
    );
  });

  it('keeps migrations idempotent across restarts', () => {
    migrateAppSchema(db);
    expect(new EventRepository(db).countEvents()).toBe(0);
  });

  it('stores control state per board', () => {
    const events = new EventRepository(db);
    const { boards } = events.createEvent({
      title: 'x',
      year: 2025,
      gazetteer: loadDefaultGazetteer(),
      taxonomy: DEFAULT_TAXONOMY,
    });
    const next = events.updateControl(boards[0]!.id, {
      locked: true,
      phase: 'pilih',
      timerEndsAt: 123,
    });
    expect(next).toMatchObject({ locked: true, phase: 'pilih', timerEndsAt: 123, voteBudget: 3 });
    expect(events.getBoard(boards[0]!.id)).toMatchObject({ locked: true, phase: 'pilih' });
  });

  it('slugifies place names into board-id-safe parts', () => {
    expect(slugify('Paringin Selatan')).toBe('paringin-selatan');
    expect(slugify("Batu  Mandi's/../")).toBe('batu-mandi-s');
  });

  it('seeds the demo event once, with the sample cards on their kecamatan boards', async () => {
    const events = new EventRepository(db);
    const store = new MemoryDocStore();
    expect(await seedDemo(events, store)).toBe(true);
    expect(await seedDemo(events, store)).toBe(false);
    const boards = events.listBoards('demo');
    expect(boards).toHaveLength(8);
    let total = 0;
    for (const board of boards) {
      const stored = await store.load(board.id);
      const doc = new Y.Doc();
      if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored?.updates ?? []) Y.applyUpdate(doc, u.update);
      const { board: data, report } = readBoard(doc);
      expect(report.skipped).toEqual({ cards: 0, clusters: 0, votes: 0, canvas: 0 });
      expect(data.meta.kecamatanKode).toBe(board.kecamatanKode);
      for (const card of data.cards)
        expect(card.desaKode?.startsWith(`${board.kecamatanKode}.`)).toBe(true);
      total += data.cards.length;
    }
    expect(total).toBe(120);
  });
});

describe('tokens', () => {
  it('stores only a hash, verifies scope and refuses expired and revoked tokens', () => {
    let now = 1_000_000;
    const tokens = new TokenRepository(db, { now: () => now });
    const { token, id } = tokens.issue({
      role: 'participant',
      name: 'Ani',
      eventId: 'e1',
      boardId: 'e1-juai',
      ttlMs: 1000,
    });
    const raw = JSON.stringify(db.prepare('SELECT * FROM tokens').all());
    expect(raw).not.toContain(token);
    expect(tokens.verify(token)).toMatchObject({
      role: 'participant',
      eventId: 'e1',
      boardId: 'e1-juai',
      name: 'Ani',
    });
    expect(tokens.verify(`${token}x`)).toBeNull();
    expect(tokens.verify('')).toBeNull();
    now += 1000;
    expect(tokens.verify(token)).toBeNull();
    const other = tokens.issue({ role: 'moderator', name: 'Mod', eventId: 'e1' });
    tokens.revoke(other.id);
    expect(tokens.verify(other.token)).toBeNull();
    expect(id).not.toBe(other.id);
  });

  it('treats PAPAN_ADMIN_TOKEN as a staff token', () => {
    const tokens = new TokenRepository(db, { adminToken: 'admin-secret-1234567' });
    expect(tokens.verify('admin-secret-1234567')?.role).toBe('staff');
    expect(tokens.verify('admin-secret-1234568')).toBeNull();
  });

  it('refuses to issue unscoped moderator and participant tokens', () => {
    const tokens = new TokenRepository(db);
    expect(() => tokens.issue({ role: 'moderator', name: 'x' })).toThrow(/event/);
    expect(() => tokens.issue({ role: 'participant', name: 'x', eventId: 'e1' })).toThrow(/board/);
  });
});

describe('audit log and rate limits', () => {
  it('records who did what, newest first', () => {
    const audit = new AuditLog(db);
    audit.record('system', 'event.create', { eventId: 'e1' });
    audit.record(
      { tokenId: 't', role: 'moderator', name: 'Mod', eventId: 'e1', boardId: null },
      'board.lock',
      {
        eventId: 'e1',
        boardId: 'e1-juai',
      },
    );
    const entries = audit.list('e1');
    expect(entries.map((e) => e.action)).toEqual(['board.lock', 'event.create']);
    expect(entries[0]).toMatchObject({ actor: 'Mod', role: 'moderator', boardId: 'e1-juai' });
  });

  it('throttles a key after too many failures until they age out', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('a')).toBe(0);
      limiter.fail('a');
    }
    expect(limiter.retryAfterMs('a')).toBe(60_000);
    expect(limiter.retryAfterMs('b')).toBe(0);
    now = 60_001;
    expect(limiter.retryAfterMs('a')).toBe(0);
  });
});

describe('start-up checks', () => {
  it('refuses a PAPAN_ADMIN_TOKEN too short to be safe, instead of one that can never log in', () => {
    expect(() => new TokenRepository(db, { adminToken: 'hall2025' })).toThrow(/at least 16/);
  });

  it('gives kecamatan whose names slug alike distinct board ids', () => {
    const events = new EventRepository(db);
    const gazetteer = {
      kabupaten: { kode: '63.01', nama: 'Kab X' },
      kecamatan: [
        { kode: '63.01.01', nama: 'Tanjung', desa: [] },
        { kode: '63.01.02', nama: 'Tanjung.', desa: [] },
      ],
    };
    const { boards } = events.createEvent({
      id: 'ex',
      title: 'x',
      year: 2025,
      gazetteer,
      taxonomy: DEFAULT_TAXONOMY,
    });
    expect(boards.map((b) => b.id)).toEqual(['ex-tanjung', 'ex-63-01-02']);
  });
});

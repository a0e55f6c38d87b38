import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board/readBoard';
import { LocalJoinThrottle } from '../../server/api/JoinThrottle';
import { RateLimiter } from '../../server/api/RateLimiter';
import { SqliteTokenRepository } from '../../server/auth/SqliteTokenRepository';
import { migrateAppSchema } from '../../server/events/appSchema';
import { slugify } from '../../server/events/EventRepository';
import { SqliteAuditLog } from '../../server/events/SqliteAuditLog';
import { SqliteEventRepository } from '../../server/events/SqliteEventRepository';
import { seedDemo } from '../../server/events/seedDemo';
import { MemoryDocStore } from '../../server/store/MemoryDocStore';
import { openDatabase } from '../../server/store/openDatabase';
import { appDataContract } from './appDataContract';

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

appDataContract('SQLite', {
  setUp: async () => undefined,
  open: async (opts = {}) => {
    // A connection of its own on the test's file, as the server opens one.
    const own = openDatabase(dir);
    return {
      events: new SqliteEventRepository(own),
      tokens: new SqliteTokenRepository(own, opts),
      audit: new SqliteAuditLog(own),
      tokenRows: async () => JSON.stringify(own.prepare('SELECT * FROM tokens').all()),
      close: async () => {
        own.close();
      },
    };
  },
  peer: async (set) => set,
  tearDown: async () => undefined,
});

describe('events and boards in SQLite', () => {
  it('keeps migrations idempotent across restarts', async () => {
    migrateAppSchema(db);
    expect(await new SqliteEventRepository(db).countEvents()).toBe(0);
  });

  it('slugifies place names into board-id-safe parts', () => {
    expect(slugify('Paringin Selatan')).toBe('paringin-selatan');
    expect(slugify("Batu  Mandi's/../")).toBe('batu-mandi-s');
  });

  it('seeds the demo event once, with the sample cards on their kecamatan boards', async () => {
    const events = new SqliteEventRepository(db);
    const store = new MemoryDocStore();
    expect(await seedDemo(events, store)).toBe(true);
    expect(await seedDemo(events, store)).toBe(false);
    const boards = await events.listBoards('demo');
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

describe('join throttle and rate limits', () => {
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

  it('counts every join attempt until it is forgiven, so only wrong codes add up', async () => {
    let now = 0;
    const throttle = new LocalJoinThrottle(3, 60_000, () => now);
    // Attempts that turned out right (or malformed) are taken back.
    for (let i = 0; i < 10; i++) {
      expect(await throttle.attempt('a')).toBe(0);
      await throttle.forgive('a');
    }
    // Three wrong codes at once: all are counted before any answer comes back.
    expect(await Promise.all([1, 2, 3].map(() => throttle.attempt('a')))).toEqual([0, 0, 0]);
    expect(await throttle.attempt('a')).toBe(60_000);
    expect(await throttle.attempt('b')).toBe(0);
    now = 60_001;
    expect(await throttle.attempt('a')).toBe(0);
  });
});

describe('start-up checks', () => {
  it('refuses a PAPAN_ADMIN_TOKEN too short to be safe, instead of one that can never log in', () => {
    expect(() => new SqliteTokenRepository(db, { adminToken: 'hall2025' })).toThrow(/at least 16/);
  });
});

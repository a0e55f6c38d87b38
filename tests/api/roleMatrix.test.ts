import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultGazetteer } from '../../server/events/defaultGazetteer';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { upgradeStatus } from '../helpers/rawSocket';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../helpers/testPapan';

/**
 * Every role (and no token, an expired token, a token of another event or board) against every
 * action, over HTTP and the sync socket: allowed or refused as designed, nothing changed when refused.
 */
let t: TestPapan;
const tokens: Record<string, string | null> = {};
let otherEventBoard = '';

beforeAll(async () => {
  t = await startTestPapan();
  const { app } = t.papan;
  const other = await app.events.createEvent({
    title: 'Lain',
    year: 2025,
    gazetteer: loadDefaultGazetteer(),
    taxonomy: DEFAULT_TAXONOMY,
  });
  otherEventBoard = other.boards[0]!.id;
  tokens.none = null;
  tokens.staff = (await app.tokens.issue({ role: 'staff', name: 'Staf' })).token;
  tokens.admin = TEST_ADMIN_TOKEN;
  tokens.moderator = (
    await app.tokens.issue({ role: 'moderator', name: 'Mod', eventId: 'demo' })
  ).token;
  tokens.otherModerator = (
    await app.tokens.issue({
      role: 'moderator',
      name: 'Mod2',
      eventId: other.event.id,
    })
  ).token;
  tokens.participant = (
    await app.tokens.issue({
      role: 'participant',
      name: 'Ani',
      eventId: 'demo',
      boardId: 'demo-juai',
    })
  ).token;
  tokens.otherBoardParticipant = (
    await app.tokens.issue({
      role: 'participant',
      name: 'Budi',
      eventId: 'demo',
      boardId: 'demo-halong',
    })
  ).token;
  tokens.expired = (await app.tokens.issue({ role: 'staff', name: 'Lama', ttlMs: -1 })).token;
  tokens.garbage = 'pr_not-a-real-token-at-all';
  // The point the history cases below read and restore (the first of a fresh database).
  const point = await app.history.makePoint('demo-juai', 'system', 'manual');
  expect(point.id).toBe(1);
});

afterAll(async () => {
  await t.close();
});

type Who =
  | 'none'
  | 'staff'
  | 'admin'
  | 'moderator'
  | 'otherModerator'
  | 'participant'
  | 'otherBoardParticipant'
  | 'expired'
  | 'garbage';
const EVERYONE: Who[] = [
  'none',
  'staff',
  'admin',
  'moderator',
  'otherModerator',
  'participant',
  'otherBoardParticipant',
  'expired',
  'garbage',
];

/** Expected status per principal: allowed -> ok status; refused -> 401 without a valid token, else 403. */
function expectation(allowed: Who[], ok: number): Record<Who, number> {
  const out = {} as Record<Who, number>;
  for (const who of EVERYONE) {
    if (allowed.includes(who)) out[who] = ok;
    else if (who === 'none' || who === 'expired' || who === 'garbage') out[who] = 401;
    else out[who] = 403;
  }
  return out;
}

const STAFF: Who[] = ['staff', 'admin'];
const MODS: Who[] = [...STAFF, 'moderator'];
const BOARD: Who[] = [...MODS, 'participant'];

const httpCases: {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  expect: Record<Who, number>;
}[] = [
  {
    name: 'read the event',
    method: 'GET',
    path: '/api/events/demo',
    expect: expectation(MODS, 200),
  },
  {
    name: 'read live counts',
    method: 'GET',
    path: '/api/events/demo/live',
    expect: expectation(MODS, 200),
  },
  {
    name: 'read the audit log',
    method: 'GET',
    path: '/api/events/demo/audit',
    expect: expectation(STAFF, 200),
  },
  {
    name: 'read a board',
    method: 'GET',
    path: '/api/boards/demo-juai',
    expect: expectation(BOARD, 200),
  },
  {
    name: 'read a board QR code',
    method: 'GET',
    path: '/api/boards/demo-juai/qr.svg',
    expect: expectation(MODS, 200),
  },
  {
    name: 'print the QR sheet',
    method: 'GET',
    path: '/api/events/demo/qr-sheet',
    expect: expectation(MODS, 200),
  },
  {
    name: 'set a phase',
    method: 'POST',
    path: '/api/boards/demo-juai/control',
    body: { phase: 'kelompokkan' },
    expect: expectation(MODS, 200),
  },
  {
    name: 'lock every board',
    method: 'POST',
    path: '/api/events/demo/control',
    body: { locked: false },
    expect: expectation(MODS, 200),
  },
  {
    name: 'invite a moderator',
    method: 'POST',
    path: '/api/events/demo/moderators',
    body: { name: 'Baru' },
    expect: expectation(STAFF, 201),
  },
  {
    name: 'create an event',
    method: 'POST',
    path: '/api/events',
    body: { title: 'Rembuk', year: 2026 },
    expect: expectation(STAFF, 201),
  },
  {
    name: 'list a board history',
    method: 'GET',
    path: '/api/boards/demo-juai/history',
    expect: expectation(MODS, 200),
  },
  {
    name: 'make a restore point',
    method: 'POST',
    path: '/api/boards/demo-juai/history',
    body: { label: 'Sebelum istirahat' },
    expect: expectation(MODS, 201),
  },
  {
    name: 'preview a restore point',
    method: 'GET',
    path: '/api/boards/demo-juai/history/1',
    expect: expectation(MODS, 200),
  },
  {
    name: 'restore a board',
    method: 'POST',
    path: '/api/boards/demo-juai/restore',
    body: { pointId: 1 },
    expect: expectation(MODS, 200),
  },
  {
    name: 'download an event archive',
    method: 'GET',
    path: '/api/events/demo/archive',
    expect: expectation(STAFF, 200),
  },
  {
    name: 'read the rolling backup status',
    method: 'GET',
    path: '/api/events/demo/backups',
    expect: expectation(MODS, 200),
  },
  {
    name: 'ask who I am',
    method: 'GET',
    path: '/api/me',
    expect: expectation(
      EVERYONE.filter((w) => !['none', 'expired', 'garbage'].includes(w)),
      200,
    ),
  },
];

describe('the role matrix over HTTP', () => {
  for (const testCase of httpCases) {
    it(`answers "${testCase.name}" as designed for every principal`, async () => {
      const eventsBefore = (await t.papan.app.events.listEvents()).length;
      const juaiBefore = await t.papan.app.events.getBoard('demo-juai');
      const got = {} as Record<Who, number>;
      for (const who of EVERYONE) {
        const res = await t.api(testCase.path, {
          method: testCase.method,
          token: tokens[who],
          body: testCase.body,
        });
        got[who] = res.status;
        if (res.status >= 400) {
          const body = (await res.json()) as { error: { code: string; message: string } };
          expect(body.error.code).toBe(res.status === 401 ? 'unauthorized' : 'forbidden');
        } else {
          await res.arrayBuffer();
        }
      }
      expect(got).toEqual(testCase.expect);
      const allowedCount = Object.values(testCase.expect).filter((s) => s < 300).length;
      if (testCase.path === '/api/events') {
        expect((await t.papan.app.events.listEvents()).length).toBe(eventsBefore + allowedCount);
      }
      if (testCase.method === 'GET')
        expect(await t.papan.app.events.getBoard('demo-juai')).toEqual(juaiBefore);
    });
  }

  it('lists only the events a principal may read', async () => {
    const names = async (who: Who) =>
      (
        (await (await t.api('/api/events', { token: tokens[who] })).json()) as {
          events: { id: string }[];
        }
      ).events.map((e) => e.id);
    expect(await names('staff')).toContain('demo');
    expect((await names('staff')).length).toBeGreaterThan(1);
    expect(await names('moderator')).toEqual(['demo']);
    expect(await names('participant')).toEqual([]);
    expect((await t.api('/api/events')).status).toBe(401);
  });

  it('changes nothing when a refused principal tries to lock a board', async () => {
    const before = await t.papan.app.events.getBoard('demo-halong');
    for (const who of ['none', 'participant', 'otherModerator', 'expired'] as Who[]) {
      const res = await t.api('/api/boards/demo-halong/control', {
        token: tokens[who],
        body: { locked: true },
      });
      expect(res.status).toBeGreaterThanOrEqual(401);
    }
    expect(await t.papan.app.events.getBoard('demo-halong')).toEqual(before);
    expect(
      (await t.papan.app.audit.list('demo')).some(
        (e) => e.action === 'board.lock' && e.boardId === 'demo-halong',
      ),
    ).toBe(false);
  });
});

describe('the role matrix on the sync socket', () => {
  it('lets exactly the principals of a board open it', async () => {
    const expected: Record<Who, number> = {
      none: 401,
      staff: 101,
      admin: 101,
      moderator: 101,
      otherModerator: 403,
      participant: 101,
      otherBoardParticipant: 403,
      expired: 401,
      garbage: 401,
    };
    const got = {} as Record<Who, number>;
    for (const who of EVERYONE) {
      const query = tokens[who] ? `?token=${encodeURIComponent(tokens[who]!)}` : '';
      got[who] = await upgradeStatus(`${t.syncUrl}/demo-juai${query}`);
    }
    expect(got).toEqual(expected);
  });

  it('answers 404 for a board that does not exist and 403 for another event', async () => {
    expect(await upgradeStatus(`${t.syncUrl}/demo-atlantis?token=${tokens.staff}`)).toBe(404);
    expect(await upgradeStatus(`${t.syncUrl}/${otherEventBoard}?token=${tokens.moderator}`)).toBe(
      403,
    );
    expect(
      await upgradeStatus(`${t.syncUrl}/${otherEventBoard}?token=${tokens.otherModerator}`),
    ).toBe(101);
  });
});

describe('run-time configuration', () => {
  it('serves /config.js without a license key when none is configured', async () => {
    const res = await t.api('/config.js');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toBe('window.__PAPAN_CONFIG__ = {};\n');
  });

  it('passes TLDRAW_LICENSE_KEY through to the page, escaped for a script', async () => {
    const other = await startTestPapan({
      env: { TLDRAW_LICENSE_KEY: 'key-</script>-1' },
      seedDemo: false,
    });
    try {
      const text = await (await other.api('/config.js')).text();
      expect(text).not.toContain('</script>');
      const window: { __PAPAN_CONFIG__?: { tldrawLicenseKey?: string } } = {};
      new Function('window', text)(window);
      expect(window.__PAPAN_CONFIG__?.tldrawLicenseKey).toBe('key-</script>-1');
    } finally {
      await other.close();
    }
  });
});

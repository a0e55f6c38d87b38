import { describe, expect, test } from 'vitest';
import { parseRoute } from '../../../client/app/route';
import { parseApiFailure, parseRetryAfter } from '../../../client/common/apiRequest';
import { parseMe } from '../../../client/common/usePrincipal';
import { parseEventInfo } from '../../../client/common/useEventInfo';
import { formatRemaining } from '../../../client/console/Countdown';
import { mergeLiveBoards, parseCall, parseLiveSnapshot } from '../../../client/console/parseLive';
import { parseAudit } from '../../../client/console/StaffPanel';
import { parseIssueMap } from '../../../client/issueMap/parseIssueMap';
import { looksLikeJoinCode, normalizeJoinCode } from '../../../client/join/joinCode';
import { parseJoinResponse } from '../../../client/join/parseJoinResponse';
import { issueCounts, parseMergePreview } from '../../../client/merge/parseMergePreview';
import { parseGazetteerErrors } from '../../../client/staff/parseGazetteerErrors';

describe('routes of the pages around the board', () => {
  test('join, console, merge and issue map paths map to their pages', () => {
    expect(parseRoute('/j/ABC123')).toEqual({ page: 'join', code: 'ABC123' });
    expect(parseRoute('/j')).toEqual({ page: 'join', code: '' });
    expect(parseRoute('/m/demo')).toEqual({ page: 'console', eventId: 'demo' });
    expect(parseRoute('/m/demo/gabung')).toEqual({ page: 'merge', eventId: 'demo' });
    expect(parseRoute('/e/demo/peta')).toEqual({ page: 'issue-map', eventId: 'demo' });
  });

  test('hostile ids and codes are refused, never rewritten', () => {
    expect(parseRoute('/m/Demo')).toEqual({ page: 'not-found' });
    expect(parseRoute('/e/..%2F/peta')).toEqual({ page: 'not-found' });
    expect(parseRoute('/j/<script>')).toEqual({ page: 'not-found' });
  });
});

describe('joining', () => {
  test('codes are read without case, spaces or dashes; only six letters or digits look like one', () => {
    expect(normalizeJoinCode(' wdu-fpx ')).toBe('WDUFPX');
    expect(looksLikeJoinCode('wdufpx')).toBe(true);
    expect(looksLikeJoinCode('demo-juai')).toBe(false);
    expect(looksLikeJoinCode('paringin')).toBe(false);
  });

  test('a join answer needs a token and a valid board id', () => {
    expect(
      parseJoinResponse({ token: 'abc', boardId: 'demo-juai', eventId: 'demo', name: 'S' }),
    ).toEqual({ token: 'abc', boardId: 'demo-juai', eventId: 'demo', name: 'S' });
    expect(parseJoinResponse({ token: 'a b', boardId: 'demo-juai', eventId: 'demo' })).toBeNull();
    expect(parseJoinResponse({ token: 'abc', boardId: '../x', eventId: 'demo' })).toBeNull();
  });

  test('a throttled answer carries its wait from Retry-After', () => {
    const failure = parseApiFailure(429, { error: { code: 'rate-limited', message: 'x' } }, '42');
    expect(failure).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 42 });
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10);
    expect(parseApiFailure(404, '<html>', null).code).toBe('not-found');
    expect(parseApiFailure(500, { error: { code: '__proto__' } }, null).code).toBe('internal');
  });
});

describe('the console', () => {
  test('its own lock is kept over a snapshot whose control was read before it, not over a later one', () => {
    const board = (locked: boolean, cards: number) => ({
      id: 'demo-juai',
      title: 'Juai',
      joinCode: 'ABCDEF',
      control: { locked, phase: 'tulis', timerEndsAt: null, voteBudget: 3 },
      cards,
      online: 1,
    });
    const shown = parseLiveSnapshot({ now: 1, boards: [board(true, 4)] })?.boards ?? null;
    // The console locked the board; the server applied it at 1,000 by its clock.
    const changedAt = new Map([['demo-juai', 1_000]]);
    const stale = parseLiveSnapshot({ now: 1_010, controlReadAt: 990, boards: [board(false, 5)] });
    const fresh = parseLiveSnapshot({
      now: 1_030,
      controlReadAt: 1_020,
      boards: [board(false, 6)],
    });
    if (!stale || !fresh) throw new Error('snapshots did not parse');
    expect(stale.controlReadAt).toBe(990);
    const kept = mergeLiveBoards(shown, stale, changedAt)[0];
    // The counts are the snapshot's; the control is the console's own, newer one.
    expect(kept).toMatchObject({ cards: 5, control: { locked: true } });
    // Read after the change (e.g. another moderator unlocked since): the snapshot's control.
    expect(mergeLiveBoards([kept!], fresh, changedAt)[0]).toMatchObject({
      cards: 6,
      control: { locked: false },
    });
    // A board this console never changed, or an older server without the time: as sent.
    expect(mergeLiveBoards(shown, stale, new Map())[0]?.control.locked).toBe(false);
    const old = parseLiveSnapshot({ now: 1_010, boards: [board(false, 5)] });
    expect(old?.controlReadAt).toBeNull();
    expect(mergeLiveBoards(shown, old!, changedAt)[0]?.control.locked).toBe(false);
  });

  test('live boards are parsed record by record; a bad board is skipped, bad counts read as 0', () => {
    const snapshot = parseLiveSnapshot({
      now: 5,
      boards: [
        {
          id: 'demo-juai',
          title: 'Juai',
          joinCode: 'ABCDEF',
          control: { locked: true, phase: 'pilih', timerEndsAt: 99, voteBudget: 3 },
          cards: 4,
          clusters: -1,
          votes: 'x',
          online: 2,
          names: ['Siti', 7],
          lastActivity: null,
        },
        { id: 'Bad Id' },
        null,
      ],
    });
    expect(snapshot?.boards).toHaveLength(1);
    expect(snapshot?.boards[0]).toMatchObject({
      cards: 4,
      clusters: 0,
      votes: 0,
      names: ['Siti'],
      control: { locked: true, phase: 'pilih', timerEndsAt: 99 },
    });
    expect(parseLiveSnapshot({ boards: 'no' })).toBeNull();
    expect(parseCall({ boardId: 'demo-juai', name: 'Ani', at: 1 })).toEqual({
      boardId: 'demo-juai',
      name: 'Ani',
      at: 1,
    });
  });

  test('the countdown reads minutes and seconds', () => {
    expect(formatRemaining(299.2)).toBe('5:00');
    expect(formatRemaining(61)).toBe('1:01');
    expect(formatRemaining(3725)).toBe('1:02:05');
    expect(formatRemaining(-3)).toBe('0:00');
  });

  test('audit entries, /api/me and event details are checked before use', () => {
    expect(
      parseAudit({ entries: [{ id: 1, at: 2, action: 'board.lock', detail: {} }, { id: 'x' }] }),
    ).toEqual([
      { id: 1, at: 2, actor: '', role: '', action: 'board.lock', boardId: null, detail: '' },
    ]);
    expect(parseMe({ role: 'staff', name: 'S' })?.role).toBe('staff');
    expect(parseMe({ role: 'root' })).toBeNull();
    const info = parseEventInfo({
      event: { id: 'demo', title: 'Demo', taxonomy: [{ id: 'ekonomi', color: 'green' }] },
      boards: [{ id: 'demo-juai', kind: 'kecamatan', title: 'Juai' }, { id: '../x' }],
    });
    expect(info?.boards.map((b) => b.id)).toEqual(['demo-juai']);
    expect(info?.bidangColor.get('ekonomi')).toBe('green');
  });
});

describe('issue map, merge and staff parsers', () => {
  test('an issue map of another version or shape is refused', () => {
    expect(parseIssueMap({ version: 2 })).toBeNull();
    expect(
      parseIssueMap({
        version: 1,
        event: { title: 'x' },
        taxonomy: [],
        summary: { byBidang: [] },
        boards: [
          {
            boardId: 'b',
            kind: 'kecamatan',
            title: 't',
            summary: { byBidang: [] },
            issues: [{}],
            unclustered: [],
          },
        ],
      }),
    ).toBeNull();
  });

  test('a merge preview keeps valid issues and counts cards and kecamatan per issue', () => {
    const preview = parseMergePreview({
      plan: {
        issues: [
          {
            id: 'i1',
            title: 'Jalan',
            members: [
              { boardId: 'a', clusterId: 'k1' },
              { boardId: 'b', clusterId: 'k2' },
            ],
            unclusteredCards: [{ boardId: 'b', cardId: 'c9' }],
          },
          { title: 'no id' },
        ],
        unassigned: [],
      },
      boards: [
        {
          boardId: 'a',
          kecamatanKode: '63.11.01',
          title: 'A',
          clusters: [{ id: 'k1', title: 'J', cardCount: 2 }],
          cards: [],
        },
        {
          boardId: 'b',
          kecamatanKode: '63.11.02',
          title: 'B',
          clusters: [{ id: 'k2', title: 'J', cardCount: 3 }],
          cards: [],
        },
      ],
    });
    expect(preview?.plan.issues).toHaveLength(1);
    const issue = preview?.plan.issues[0];
    if (!preview || !issue) throw new Error('no preview');
    expect(issueCounts(issue, preview.boards)).toEqual({ cards: 6, kecamatan: 2 });
  });

  test('gazetteer line errors are listed with their line numbers', () => {
    expect(
      parseGazetteerErrors([{ line: 3, message: 'kode salah' }, 'x', { message: 'm' }]),
    ).toEqual([
      { line: 3, message: 'kode salah' },
      { line: null, message: 'm' },
    ]);
    expect(parseGazetteerErrors(undefined)).toEqual([]);
  });
});

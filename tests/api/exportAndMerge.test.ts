import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../shared/board/readBoard';
import type { IssueMap } from '../../shared/issueMap/types';
import type { MergePlan } from '../../shared/merge/mergePlan';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../helpers/testPapan';

let t: TestPapan;
let moderator = '';
let participant = '';
const SOURCES = ['demo-juai', 'demo-halong', 'demo-paringin'];

beforeAll(async () => {
  t = await startTestPapan();
  moderator = (await t.papan.app.tokens.issue({ role: 'moderator', name: 'Mod', eventId: 'demo' }))
    .token;
  participant = (
    await t.papan.app.tokens.issue({
      role: 'participant',
      name: 'Ani',
      eventId: 'demo',
      boardId: 'demo-juai',
    })
  ).token;
});

afterAll(async () => {
  await t.close();
});

async function cardCount(boardId: string): Promise<number> {
  return t.papan.app.rooms.withBoardDoc(boardId, (doc) => readBoard(doc).board.cards.length);
}

describe('issue map exports over HTTP', () => {
  it('serves every format to a moderator and writes each export to the audit log', async () => {
    const expected = {
      json: /application\/json/,
      csv: /text\/csv/,
      xlsx: /spreadsheetml/,
      md: /text\/markdown/,
      html: /text\/html/,
    };
    for (const [format, type] of Object.entries(expected)) {
      const res = await t.api(`/api/events/demo/issue-map.${format}`, { token: moderator });
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      await res.arrayBuffer();
    }
    const exports = (await t.papan.app.audit.list('demo')).filter(
      (e) => e.action === 'event.export',
    );
    expect(exports.map((e) => e.detail.format).sort()).toEqual([
      'csv',
      'html',
      'json',
      'md',
      'xlsx',
    ]);
  });

  it('holds every demo card once in the JSON, the CSV and the XLSX', async () => {
    const map = (await (
      await t.api('/api/events/demo/issue-map.json', { token: moderator })
    ).json()) as IssueMap;
    const ids = map.boards.flatMap((b) =>
      [...b.issues.flatMap((i) => i.problems), ...b.unclustered].map((p) => p.cardId),
    );
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    const csvBytes = new Uint8Array(
      await (await t.api('/api/events/demo/issue-map.csv', { token: moderator })).arrayBuffer(),
    );
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      await (await t.api('/api/events/demo/issue-map.xlsx', { token: moderator })).arrayBuffer(),
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Isu Strategis',
      'Permasalahan',
      'Matriks',
    ]);
    expect(workbook.getWorksheet('Permasalahan')!.actualRowCount).toBe(121);
  });

  it('refuses participants and unknown formats', async () => {
    expect((await t.api('/api/events/demo/issue-map.csv', { token: participant })).status).toBe(
      403,
    );
    expect((await t.api('/api/events/demo/issue-map.exe', { token: moderator })).status).toBe(404);
    expect((await t.api('/api/events/demo/issue-map.csv')).status).toBe(401);
  });
});

describe('merging boards over HTTP', () => {
  it('previews a plan without changing anything, then applies it into a kabupaten board with every card once', async () => {
    const before = await Promise.all(SOURCES.map(cardCount));
    const preview = await t.api('/api/events/demo/merge/plan', {
      token: moderator,
      body: { boardIds: SOURCES },
    });
    expect(preview.status).toBe(200);
    const { plan, boards } = (await preview.json()) as {
      plan: MergePlan;
      boards: { boardId: string }[];
    };
    expect(boards.map((b) => b.boardId)).toEqual(SOURCES);
    expect(await t.papan.app.events.getBoard('demo-kabupaten')).toBeNull();

    const apply = await t.api('/api/events/demo/merge/apply', {
      token: moderator,
      body: { boardIds: SOURCES, plan },
    });
    expect(apply.status).toBe(200);
    expect((await t.papan.app.events.getBoard('demo-kabupaten'))?.kind).toBe('merged');
    const merged = await t.papan.app.rooms.withBoardDoc(
      'demo-kabupaten',
      (doc) => readBoard(doc).board,
    );
    expect(merged.meta.kind).toBe('merged');
    const total = before.reduce((a, b) => a + b, 0);
    expect(merged.cards).toHaveLength(total);
    const sourceKeys = merged.cards.map((c) => `${c.source?.boardId}/${c.source?.cardId}`);
    expect(new Set(sourceKeys).size).toBe(total);
    expect(merged.cards.every((c) => c.source !== null && SOURCES.includes(c.source.boardId))).toBe(
      true,
    );

    // Re-merging does not duplicate anything.
    await t.api('/api/events/demo/merge/apply', {
      token: moderator,
      body: { boardIds: SOURCES, plan },
    });
    expect(await cardCount('demo-kabupaten')).toBe(total);
    expect(
      (await t.papan.app.audit.list('demo')).filter((e) => e.action === 'board.merge'),
    ).toHaveLength(2);
  });

  it('never loses a card when the plan sent is hostile or stale', async () => {
    const hostile = {
      issues: [
        {
          id: 'x',
          title: '<b>=1+1</b>',
          members: [{ boardId: 'demo-awayan', clusterId: 'nope' }],
          unclusteredCards: [],
        },
        {
          id: '__proto__',
          title: 't',
          members: 'lots',
          unclusteredCards: [{ boardId: 'demo-awayan', cardId: 'ghost' }],
        },
      ],
      unassigned: [{ boardId: 'elsewhere', cardId: 'c' }],
    };
    const res = await t.api('/api/events/demo/merge/apply', {
      token: moderator,
      body: { boardIds: ['demo-awayan'], plan: hostile, mergedBoardId: 'demo-kabupaten-2' },
    });
    expect(res.status).toBe(200);
    expect(await cardCount('demo-kabupaten-2')).toBe(await cardCount('demo-awayan'));
  });

  it('refuses participants, boards of other events and a merged board as a source', async () => {
    expect(
      (
        await t.api('/api/events/demo/merge/plan', {
          token: participant,
          body: { boardIds: SOURCES },
        })
      ).status,
    ).toBe(403);
    const bad = await t.api('/api/events/demo/merge/plan', {
      token: TEST_ADMIN_TOKEN,
      body: { boardIds: ['demo-kabupaten'] },
    });
    expect(bad.status).toBe(400);
    const garbage = await t.api('/api/events/demo/merge/apply', {
      token: TEST_ADMIN_TOKEN,
      body: { boardIds: SOURCES, plan: 'x' },
    });
    expect(garbage.status).toBe(400);
  });
});

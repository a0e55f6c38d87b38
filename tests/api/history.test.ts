import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../../shared/board/readBoard';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../helpers/testPapan';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

let t: TestPapan;
let moderator = '';
let otherModerator = '';
let participant = '';
const BOARD = 'demo-juai';

beforeAll(async () => {
  t = await startTestPapan({
    env: { DELETION_ALARM_CARDS: '5', DELETION_ALARM_WINDOW_SECONDS: '10' },
  });
  const { tokens } = t.papan.app;
  moderator = (await tokens.issue({ role: 'moderator', name: 'Bu Rina', eventId: 'demo' })).token;
  otherModerator = (await tokens.issue({ role: 'moderator', name: 'Lain', eventId: 'lain' })).token;
  participant = (
    await tokens.issue({
      role: 'participant',
      name: 'Ani',
      eventId: 'demo',
      boardId: BOARD,
    })
  ).token;
});

afterAll(async () => {
  await t.close();
});

interface Point {
  id: number;
  at: number;
  reason: string;
  label: string | null;
  by: string;
  counts: { cards: number; clusters: number; votes: number };
}

async function json<T>(res: Response, status: number): Promise<T> {
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

async function cardIds(): Promise<string[]> {
  return t.papan.app.rooms.withBoardDoc(BOARD, (doc) =>
    readBoard(doc)
      .board.cards.map((c) => c.id)
      .sort(),
  );
}

function tablet(): TestClient {
  return connectClient(t.syncUrl, BOARD, { params: { token: participant } });
}

describe('board history over HTTP', () => {
  it('makes a labelled point, lists points newest first, and audits who made it', async () => {
    await json(await t.api(`/api/boards/${BOARD}/history`, { token: moderator, body: {} }), 201);
    const { point } = await json<{ point: Point }>(
      await t.api(`/api/boards/${BOARD}/history`, {
        token: moderator,
        body: { label: 'Sebelum istirahat' },
      }),
      201,
    );
    expect(point).toMatchObject({
      reason: 'manual',
      label: 'Sebelum istirahat',
      by: 'moderator:Bu Rina',
    });
    expect(point.counts.cards).toBeGreaterThan(0);
    const { points } = await json<{ points: Point[] }>(
      await t.api(`/api/boards/${BOARD}/history`, { token: moderator }),
      200,
    );
    expect(points[0]!.id).toBe(point.id);
    expect(points.map((p) => p.at)).toEqual([...points.map((p) => p.at)].sort((a, b) => b - a));
    const audit = (await t.papan.app.audit.listAll('demo')).filter(
      (e) => e.action === 'board.history.point',
    );
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses bad bodies, unknown points and other events', async () => {
    const bad = await json<{ error: { code: string } }>(
      await t.api(`/api/boards/${BOARD}/history`, {
        token: moderator,
        body: { label: 'x'.repeat(500) },
      }),
      400,
    );
    expect(bad.error.code).toBe('bad-request');
    await json(await t.api(`/api/boards/${BOARD}/history/999999`, { token: moderator }), 404);
    await json(await t.api(`/api/boards/${BOARD}/history/abc`, { token: moderator }), 404);
    await json(
      await t.api(`/api/boards/${BOARD}/restore`, { token: moderator, body: { pointId: 999999 } }),
      404,
    );
    await json(
      await t.api(`/api/boards/${BOARD}/restore`, { token: moderator, body: { pointId: 'satu' } }),
      400,
    );
    await json(await t.api(`/api/boards/${BOARD}/history`, { token: otherModerator }), 403);
    await json(
      await t.api(`/api/boards/${BOARD}/restore`, { token: participant, body: { pointId: 1 } }),
      403,
    );
    await json(await t.api(`/api/boards/tidak-ada/history`, { token: moderator }), 404);
  });

  it('a phase change and a lock each make a point first', async () => {
    await json(
      await t.api(`/api/boards/${BOARD}/control`, { token: moderator, body: { phase: 'pilih' } }),
      200,
    );
    await json(
      await t.api(`/api/boards/${BOARD}/control`, { token: moderator, body: { locked: true } }),
      200,
    );
    await json(
      await t.api(`/api/boards/${BOARD}/control`, { token: moderator, body: { locked: false } }),
      200,
    );
    const { points } = await json<{ points: Point[] }>(
      await t.api(`/api/boards/${BOARD}/history`, { token: moderator }),
      200,
    );
    expect(points.slice(0, 2).map((p) => [p.reason, p.label])).toEqual([
      ['before-lock', null],
      ['before-phase', 'pilih'],
    ]);
  });

  it('a tablet deleting every card raises the alarm on the console stream; the preview and restore bring the cards back', async () => {
    const before = await cardIds();
    expect(before.length).toBeGreaterThan(5);
    const stream = await fetch(`${t.url}/api/events/demo/stream?token=${moderator}`);
    const reader = stream.body!.getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil('event: live');

    const client = tablet();
    try {
      await client.synced();
      const cards = client.doc.getMap('cards');
      client.doc.transact(() => {
        for (const key of [...cards.keys()]) cards.delete(key);
      });
      await readUntil('event: alarm');
      const alarmLine = text
        .split('\n')
        .find((l, i, all) => all[i - 1] === 'event: alarm' && l.startsWith('data: '))!;
      const alarm = JSON.parse(alarmLine.slice(6)) as {
        boardId: string;
        pointId: number;
        name: string;
        role: string;
        cards: number;
      };
      expect(alarm).toMatchObject({
        boardId: BOARD,
        name: 'Ani',
        role: 'participant',
        cards: before.length,
      });
      await waitFor(async () => (await cardIds()).length === 0, { what: 'deletion stored' });

      const preview = await json<{
        point: Point;
        summary: { cards: { back: number; removed: number } };
        thumbnailSvg: string;
      }>(await t.api(`/api/boards/${BOARD}/history/${alarm.pointId}`, { token: moderator }), 200);
      expect(preview.point.reason).toBe('mass-deletion');
      expect(preview.summary.cards).toMatchObject({ back: before.length, removed: 0 });
      expect(preview.thumbnailSvg).toMatch(/^<svg/);

      const restored = await json<{ undoPoint: Point }>(
        await t.api(`/api/boards/${BOARD}/restore`, {
          token: moderator,
          body: { pointId: alarm.pointId },
        }),
        200,
      );
      expect(restored.undoPoint).toMatchObject({ reason: 'before-restore', counts: { cards: 0 } });
      expect(await cardIds()).toEqual(before);
      // The connected tablet sees them come back live.
      await waitFor(() => cards.size === before.length, { what: 'cards back on the tablet' });
      const audit = (await t.papan.app.audit.listAll('demo')).filter(
        (e) => e.action === 'board.restore',
      );
      expect(audit.at(-1)).toMatchObject({ boardId: BOARD });
    } finally {
      client.destroy();
      await reader.cancel();
    }
  });
});

describe('event archives over HTTP', () => {
  it('staff download an archive and upload it again as a new event, restore points included', async () => {
    const res = await t.api('/api/events/demo/archive', { token: TEST_ADMIN_TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/gzip/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const upload = await fetch(`${t.url}/api/events/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/gzip' },
      body: bytes,
    });
    const result = await json<{
      eventId: string;
      restorePoints: { imported: number; notKept: number };
    }>(upload, 201);
    expect(result.eventId).not.toBe('demo');
    expect(result.restorePoints.imported).toBeGreaterThan(0);
    expect(result.restorePoints.notKept).toBe(0);
    const kecamatanKode = (await t.papan.app.events.getBoard(BOARD))!.kecamatanKode;
    const newBoard = (await t.papan.app.events.listBoards(result.eventId)).find(
      (b) => b.kecamatanKode === kecamatanKode,
    )!;
    const staff = (await t.papan.app.tokens.issue({ role: 'staff', name: 'Staf' })).token;
    const { points } = await json<{ points: Point[] }>(
      await t.api(`/api/boards/${newBoard.id}/history`, { token: staff }),
      200,
    );
    expect(points.some((p) => p.reason === 'mass-deletion')).toBe(true);
  });

  it('refuses a moderator, a file that is not an archive, and an oversized upload', async () => {
    await json(await t.api('/api/events/demo/archive', { token: moderator }), 403);
    const post = (body: Uint8Array<ArrayBuffer>, token: string) =>
      fetch(`${t.url}/api/events/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip' },
        body,
      });
    await json(await post(new Uint8Array([1, 2, 3]), moderator), 403);
    const garbage = await json<{ error: { code: string; message: string } }>(
      await post(new Uint8Array([1, 2, 3]), TEST_ADMIN_TOKEN),
      400,
    );
    expect(garbage.error.code).toBe('bad-request');
    const json400 = await t.api('/api/events/import', { token: TEST_ADMIN_TOKEN, body: { a: 1 } });
    expect(json400.status).toBe(400);
    const big = await post(new Uint8Array(65 * 1024 * 1024), TEST_ADMIN_TOKEN);
    expect(big.status).toBe(413);
    const events = (await t.papan.app.events.listEvents()).length;
    expect(events).toBe(2);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodePapanMessage } from '../../shared/protocol';
import { addCard } from '../../shared/board/boardModel';
import { readBoard } from '../../shared/board/readBoard';
import type { PapanServerMessage } from '../../shared/protocol';
import { listenForPapan, sayHello } from '../helpers/papanClient';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../helpers/testPapan';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

let t: TestPapan;
const clients: TestClient[] = [];
const author = { id: 'u', name: 'Ani' };

beforeEach(async () => {
  t = await startTestPapan();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await t.close();
});

function client(boardId: string, token = TEST_ADMIN_TOKEN): TestClient {
  const c = connectClient(t.syncUrl, boardId, { params: { token } });
  clients.push(c);
  return c;
}

async function storedCardIds(boardId: string): Promise<string[]> {
  return t.papan.app.rooms.withBoardDoc(boardId, (doc) =>
    readBoard(doc).board.cards.map((c) => c.id),
  );
}

describe('a locked board', () => {
  it('refuses updates from a stock y-websocket client in the server and accepts them after unlock', async () => {
    const tablet = client('demo-juai');
    const watcher = client('demo-juai');
    await Promise.all([tablet.synced(), watcher.synced()]);
    const before = await storedCardIds('demo-juai');

    const lock = await t.api('/api/boards/demo-juai/control', {
      token: TEST_ADMIN_TOKEN,
      body: { locked: true },
    });
    expect(lock.status).toBe(200);
    const refusedId = addCard(tablet.doc, {
      text: 'saat terkunci',
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storedCardIds('demo-juai')).toEqual(before);
    expect(watcher.doc.getMap('cards').has(refusedId)).toBe(false);

    await t.api('/api/boards/demo-juai/control', {
      token: TEST_ADMIN_TOKEN,
      body: { locked: false },
    });
    const acceptedId = addCard(tablet.doc, {
      text: 'setelah dibuka',
      desaKode: null,
      bidang: null,
      x: 0,
      y: 0,
      author,
    });
    await waitFor(() => watcher.doc.getMap('cards').has(acceptedId), { what: 'card after unlock' });
    // A client that ignored the lock keeps its refused change; after unlock it lands rather than being lost.
    await waitFor(() => watcher.doc.getMap('cards').has(refusedId), {
      what: 'held-back card after unlock',
    });
    expect(await storedCardIds('demo-juai')).toEqual(
      expect.arrayContaining([acceptedId, refusedId]),
    );
    const actions = (await t.papan.app.audit.list('demo')).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['board.lock', 'board.unlock']));
  });

  it('keeps the lock across a restart of the room and pushes control to clients that said hello', async () => {
    await t.api('/api/events/demo/control', {
      token: TEST_ADMIN_TOKEN,
      body: { locked: true, phase: 'pilih', timerSeconds: 300, voteBudget: 5 },
    });
    const tablet = client('demo-awayan');
    const messages: PapanServerMessage[] = listenForPapan(tablet);
    await tablet.synced();
    sayHello(tablet);
    const control = await waitFor(() => messages.find((m) => m.type === 'control'), {
      what: 'control',
    });
    expect(control).toMatchObject({
      control: { locked: true, phase: 'pilih', voteBudget: 5, readOnly: false },
    });
    if (control.type !== 'control') throw new Error('unreachable');
    expect(control.control.timerEndsAt).toBeGreaterThan(Date.now() + 250_000);

    await t.api('/api/boards/demo-awayan/control', {
      token: TEST_ADMIN_TOKEN,
      body: { phase: 'selesai', timerSeconds: null },
    });
    await waitFor(
      () =>
        messages.some(
          (m) =>
            m.type === 'control' && m.control.phase === 'selesai' && m.control.timerEndsAt === null,
        ),
      { what: 'new phase pushed' },
    );
  });

  it('says when a control change was applied, and live snapshots when they read control, on one clock', async () => {
    const live = async () =>
      (await (await t.api('/api/events/demo/live', { token: TEST_ADMIN_TOKEN })).json()) as {
        controlReadAt: number;
        boards: { id: string; control: { locked: boolean } }[];
      };
    const before = await live();
    const lock = await t.api('/api/boards/demo-juai/control', {
      token: TEST_ADMIN_TOKEN,
      body: { locked: true },
    });
    const { appliedAt } = (await lock.json()) as { appliedAt: number };
    const after = await live();
    expect(typeof appliedAt).toBe('number');
    // A snapshot read before the change is older than it; one read after is not.
    expect(before.controlReadAt).toBeLessThanOrEqual(appliedAt);
    expect(after.controlReadAt).toBeGreaterThanOrEqual(appliedAt);
    expect(after.boards.find((b) => b.id === 'demo-juai')?.control.locked).toBe(true);
    await t.api('/api/boards/demo-juai/control', {
      token: TEST_ADMIN_TOKEN,
      body: { locked: false },
    });
  });

  it('rejects a malformed control body with 400 and changes nothing', async () => {
    const before = await t.papan.app.events.getBoard('demo-juai');
    for (const body of [
      { phase: 'tidur' },
      { locked: 'ya' },
      { timerSeconds: -5 },
      {},
      { evil: 1 },
      '{not json',
    ]) {
      const res = await t.api('/api/boards/demo-juai/control', { token: TEST_ADMIN_TOKEN, body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad-request');
    }
    expect(await t.papan.app.events.getBoard('demo-juai')).toEqual(before);
  });
});

describe('joining by code', () => {
  it('gives a participant token for exactly that board', async () => {
    const board = await t.papan.app.events.getBoard('demo-lampihong');
    const res = await t.api('/api/join', {
      body: { code: board!.joinCode.toLowerCase(), name: 'Siti' },
    });
    expect(res.status).toBe(200);
    const joined = (await res.json()) as { token: string; boardId: string };
    expect(joined.boardId).toBe('demo-lampihong');
    const me = (await (await t.api('/api/me', { token: joined.token })).json()) as {
      role: string;
      boardId: string;
    };
    expect(me).toMatchObject({ role: 'participant', boardId: 'demo-lampihong' });
    const tablet = client('demo-lampihong', joined.token);
    await tablet.synced();
  });

  it('answers a wrong code in Bahasa Indonesia and throttles repeated wrong codes', async () => {
    const first = await t.api('/api/join', { body: { code: 'ZZZZZZ', name: 'Siti' } });
    expect(first.status).toBe(404);
    expect(((await first.json()) as { error: { message: string } }).error.message).toBe(
      'Kode papan tidak dikenal',
    );
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) {
      const res = await t.api('/api/join', { body: { code: `WRONG${i}`, name: 'Siti' } });
      status = res.status;
      if (status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(status).toBe(429);
    const right = (await t.papan.app.events.getBoard('demo-juai'))!.joinCode;
    expect((await t.api('/api/join', { body: { code: right, name: 'Siti' } })).status).toBe(429);
  });
});

describe('events from a gazetteer CSV', () => {
  it('reports each bad line of a malformed CSV and creates nothing', async () => {
    const before = (await t.papan.app.events.listEvents()).length;
    const csv = [
      'kode,jenis,nama,kecamatan_kode,kecamatan,kabupaten_kode,kabupaten',
      '63.01.01,kecamatan,Satu,63.01.01,Satu,63.01,Kab X',
      '63.01.01.2001,dusun,A,63.01.01,Satu,63.01,Kab X',
      '63.01.09.2002,desa,B,63.01.09,Sembilan,63.01,Kab X',
    ].join('\n');
    const res = await t.api('/api/events', {
      token: TEST_ADMIN_TOKEN,
      body: { title: 'X', year: 2026, gazetteerCsv: csv },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { line: number }[] } };
    expect(body.error.code).toBe('invalid-gazetteer');
    expect(body.error.details.map((d) => d.line)).toEqual([3, 4]);
    expect((await t.papan.app.events.listEvents()).length).toBe(before);
  });

  it('creates one board per kecamatan of a valid CSV', async () => {
    const csv = [
      'kode,jenis,nama,kecamatan_kode,kecamatan,kabupaten_kode,kabupaten',
      '63.01.01,kecamatan,Satu,63.01.01,Satu,63.01,Kab X',
      '63.01.02,kecamatan,Dua,63.01.02,Dua,63.01,Kab X',
      '63.01.01.2001,desa,A,63.01.01,Satu,63.01,Kab X',
    ].join('\n');
    const res = await t.api('/api/events', {
      token: TEST_ADMIN_TOKEN,
      body: { title: 'X', year: 2026, gazetteerCsv: csv },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { event: { id: string }; boards: { id: string }[] };
    expect(body.boards.map((b) => b.id)).toEqual([`${body.event.id}-satu`, `${body.event.id}-dua`]);
  });
});

describe('the moderator console stream', () => {
  it('shows a card added on a board within a second, and facilitator calls', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.url}/api/events/demo/stream?token=${TEST_ADMIN_TOKEN}`, {
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    const liveCards = () =>
      [...text.matchAll(/event: live\ndata: (.*)\n/g)].map(
        (m) =>
          (JSON.parse(m[1]!) as { boards: { id: string; cards: number }[] }).boards.find(
            (b) => b.id === 'demo-halong',
          )!.cards,
      );
    await waitFor(() => liveCards().length > 0, { what: 'first live event' });
    const initial = liveCards()[0]!;
    const tablet = client('demo-halong');
    await tablet.synced();
    const started = Date.now();
    addCard(tablet.doc, { text: 'baru', desaKode: null, bidang: null, x: 0, y: 0, author });
    await waitFor(() => liveCards().includes(initial + 1), {
      timeoutMs: 1000,
      what: 'card count within a second',
    });
    expect(Date.now() - started).toBeLessThan(1000);

    tablet.provider.ws?.send(encodePapanMessage({ type: 'call-facilitator', name: 'Meja Halong' }));
    await waitFor(() => /event: call\ndata: .*Meja Halong/.test(text), {
      what: 'facilitator call',
    });
    controller.abort();
    await pump;
  });
});

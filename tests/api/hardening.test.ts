import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../server/store/openDatabase';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../helpers/testPapan';

let t: TestPapan | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

describe('hardening of the API', () => {
  it('counts parallel wrong join codes before any of them is answered', async () => {
    t = await startTestPapan();
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t!.api('/api/join', { body: { code: `ZZZZ${i}`, name: 'x' } }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(8);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(22);
  });

  it('does not let participants join a merged kabupaten board by its code', async () => {
    t = await startTestPapan();
    const merged = await t.papan.app.events.addBoard({
      id: 'demo-kabupaten',
      eventId: 'demo',
      kind: 'merged',
      kecamatanKode: null,
      title: 'Kab',
    });
    const res = await t.api('/api/join', { body: { code: merged.joinCode, name: 'x' } });
    expect(res.status).toBe(404);
  });

  it('answers bad percent-encoding in a path with 400, not 500', async () => {
    t = await startTestPapan();
    const res = await t.api('/api/boards/%E0%A4%A', { token: TEST_ADMIN_TOKEN });
    expect(res.status).toBe(400);
  });

  it('keeps the console alive when one board cannot be read', async () => {
    t = await startTestPapan();
    // A snapshot that does not decode, as a damaged file would hold.
    const db = new Database(path.join(t.papan.config.dataDir, DATABASE_FILE_NAME));
    db.prepare(
      `INSERT OR REPLACE INTO doc_snapshots (board_id, snapshot, up_to_seq, updated_at)
       VALUES ('demo-juai', ?, 1000000, 0)`,
    ).run(Buffer.from([1, 2, 3, 4, 5]));
    db.close();
    const res = await t.api('/api/events/demo/live', { token: TEST_ADMIN_TOKEN });
    expect(res.status).toBe(200);
    const { boards } = (await res.json()) as {
      boards: { id: string; error: boolean; cards: number }[];
    };
    expect(boards.find((b) => b.id === 'demo-juai')?.error).toBe(true);
    expect(boards.find((b) => b.id === 'demo-halong')).toMatchObject({ error: false, cards: 20 });
  });

  it('does not keep reloading idle boards while a console is open', async () => {
    t = await startTestPapan({ env: { ROOM_IDLE_MS: '100' } });
    const controller = new AbortController();
    const res = await fetch(`${t.url}/api/events/demo/stream?token=${TEST_ADMIN_TOKEN}`, {
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let text = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    controller.abort();
    await pump;
    expect(text.match(/event: live/g)?.length).toBe(1);
    expect(t.papan.registry.roomCount).toBe(0);
  });
});

describe('presence', () => {
  it('does not let one socket rewrite another person’s cursor and name', async () => {
    t = await startTestPapan();
    const { connectClient } = await import('../helpers/yClient');
    const { waitFor } = await import('../helpers/waitFor');
    const Y = await import('yjs');
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const encoding = await import('lib0/encoding');
    const issue = async (name: string, boardId = 'demo-juai') =>
      (await t!.papan.app.tokens.issue({ role: 'participant', name, eventId: 'demo', boardId }))
        .token;
    const ani = connectClient(t.syncUrl, 'demo-juai', { params: { token: await issue('Ani') } });
    const mallory = connectClient(t.syncUrl, 'demo-juai', {
      params: { token: await issue('Mallory') },
    });
    try {
      await Promise.all([ani.synced(), mallory.synced()]);
      ani.provider.awareness.setLocalStateField('user', { id: 'a', name: 'Ani', color: '#000' });
      await waitFor(() => t!.papan.app.rooms.presence('demo-juai').names.includes('Ani'), {
        what: 'Ani present',
      });

      const fakeDoc = new Y.Doc();
      fakeDoc.clientID = ani.doc.clientID;
      const fake = new Awareness(fakeDoc);
      for (let i = 0; i < 50; i++)
        fake.setLocalState({ user: { id: 'a', name: 'Admin palsu', color: '#f00' } });
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(fake, [fakeDoc.clientID]));
      mallory.provider.ws!.send(encoding.toUint8Array(encoder));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(t.papan.app.rooms.presence('demo-juai').names).toContain('Ani');
      expect(t.papan.app.rooms.presence('demo-juai').names).not.toContain('Admin palsu');
      fake.destroy();
    } finally {
      ani.destroy();
      mallory.destroy();
    }
  });
});

describe('the console stream', () => {
  it('ends when its token is revoked', async () => {
    t = await startTestPapan();
    const { connectClient } = await import('../helpers/yClient');
    const { addCard } = await import('../../shared/board/boardModel');
    const moderator = await t.papan.app.tokens.issue({
      role: 'moderator',
      name: 'Mod',
      eventId: 'demo',
    });
    const res = await fetch(`${t.url}/api/events/demo/stream?token=${moderator.token}`);
    const reader = res.body!.getReader();
    await reader.read();
    await t.papan.app.tokens.revoke(moderator.id);
    const tablet = connectClient(t.syncUrl, 'demo-juai', { params: { token: TEST_ADMIN_TOKEN } });
    try {
      await tablet.synced();
      addCard(tablet.doc, {
        text: 'x',
        desaKode: null,
        bidang: null,
        x: 0,
        y: 0,
        author: { id: 'a', name: 'A' },
      });
      let done = false;
      const deadline = Date.now() + 3000;
      while (!done && Date.now() < deadline) ({ done } = await reader.read());
      expect(done).toBe(true);
    } finally {
      tablet.destroy();
    }
  });
});

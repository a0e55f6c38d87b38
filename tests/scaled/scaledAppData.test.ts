import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  CLUSTER_ADMIN_TOKEN,
  cardTexts,
  docFromPostgres,
  dropSchemas,
  killAll,
  startInstance,
  type ClusterSettings,
} from '../helpers/scaledCluster';
import { listenForPapan, sayHello } from '../helpers/papanClient';
import { scaledServicesAvailable, TEST_REDIS_URL, uniqueSchema } from '../helpers/scaledServices';
import type { ServerProcess } from '../helpers/serverProcess';
import { makeTempDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

const available = await scaledServicesAvailable({ redis: true });
/** Starting real instances takes seconds on a busy 2-core machine; these are not speed tests. */
const CLUSTER_TEST_TIMEOUT_MS = 180_000;
const BOARD = 'demo-juai';

const schemas: string[] = [];
const processes: ServerProcess[] = [];
const clients: TestClient[] = [];
const temps: ReturnType<typeof makeTempDir>[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await killAll(processes);
  for (const temp of temps.splice(0)) temp.remove();
});

afterAll(async () => {
  if (available) await dropSchemas(schemas);
});

/** Two instances started at the same moment, each with a DATA_DIR of its own. */
async function twoInstances(env: Record<string, string> = {}): Promise<{
  a: ServerProcess;
  b: ServerProcess;
  cluster: ClusterSettings;
}> {
  const schema = uniqueSchema('papan_appdata_cluster');
  schemas.push(schema);
  const temp = makeTempDir();
  temps.push(temp);
  const cluster = { schema, dataDir: temp.dir, redisUrl: TEST_REDIS_URL, env };
  const [a, b] = await Promise.all([startInstance(cluster, 'a'), startInstance(cluster, 'b')]);
  processes.push(a, b);
  return { a, b, cluster };
}

async function api(
  base: string,
  url: string,
  init: { token?: string; body?: unknown; method?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${url}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const admin = { token: CLUSTER_ADMIN_TOKEN };

describe.skipIf(!available)(
  'events, tokens, audit and control in PostgreSQL across instances',
  { timeout: CLUSTER_TEST_TIMEOUT_MS },
  () => {
    it('two instances starting together seed the demo once, and share events they create', async () => {
      const { a, b, cluster } = await twoInstances();
      const listed = async (p: ServerProcess) =>
        ((await api(p.url, '/api/events', admin)).body.events as { id: string }[]).map((e) => e.id);
      expect(await listed(a)).toEqual(['demo']);
      expect(await listed(b)).toEqual(['demo']);
      // Seeded once: each sample card is on the board once, not twice.
      const seeded = JSON.parse(cardTexts(await docFromPostgres(cluster.schema, BOARD))) as [
        string,
        string,
      ][];
      expect(seeded.length).toBeGreaterThan(0);
      expect(new Set(seeded.map(([, text]) => text)).size).toBe(seeded.length);

      const created = await api(a.url, '/api/events', {
        ...admin,
        body: { title: 'Rembuk Remas lintas instans', year: 2026 },
      });
      expect(created.status).toBe(201);
      const eventId = (created.body.event as { id: string }).id;
      expect(await listed(b)).toEqual([eventId, 'demo']);
      const onB = await api(b.url, `/api/events/${eventId}`, admin);
      expect(onB.status).toBe(200);
      expect((onB.body.boards as unknown[]).length).toBe(8);
      // The audit line written on A is read on B.
      const audit = await api(b.url, `/api/events/${eventId}/audit`, admin);
      expect((audit.body.entries as { action: string }[]).map((e) => e.action)).toContain(
        'event.create',
      );
      // No instance keeps application data under its DATA_DIR any more.
      for (const name of ['a', 'b']) {
        const files = (() => {
          try {
            return readdirSync(path.join(cluster.dataDir, name));
          } catch {
            return [];
          }
        })();
        expect(files.filter((f) => f.endsWith('.db') || f.endsWith('.sqlite'))).toEqual([]);
      }
    });

    it('a participant who joined on A opens the board on B; a lock set via B is stored and reaches A', async () => {
      const { a, b } = await twoInstances();
      const event = await api(a.url, '/api/events/demo', admin);
      const code = (event.body.boards as { id: string; joinCode: string }[]).find(
        (x) => x.id === BOARD,
      )?.joinCode;
      const joined = await api(a.url, '/api/join', { body: { code, name: 'Siti' } });
      expect(joined.status).toBe(200);
      const token = joined.body.token as string;
      expect((await api(b.url, '/api/me', { token })).body).toMatchObject({
        role: 'participant',
        name: 'Siti',
        boardId: BOARD,
      });
      const tablet = connectClient(a.syncUrl, BOARD, { params: { token } });
      const onB = connectClient(b.syncUrl, BOARD, { params: { token } });
      clients.push(tablet, onB);
      const messages = listenForPapan(tablet);
      await Promise.all([tablet.synced(), onB.synced()]);
      sayHello(tablet);
      await waitFor(() => messages.some((m) => m.type === 'control'), { what: 'hello answered' });

      // A moderator's token issued through B's API.
      const invite = await api(b.url, '/api/events/demo/moderators', {
        ...admin,
        body: { name: 'Bu Rina' },
      });
      expect(invite.status).toBe(201);
      const moderator = invite.body.token as string;
      const locked = await api(b.url, `/api/boards/${BOARD}/control`, {
        token: moderator,
        body: { locked: true },
      });
      expect(locked.status).toBe(200);
      await waitFor(() => messages.some((m) => m.type === 'control' && m.control.locked), {
        timeoutMs: 5000,
        what: 'the lock set via B to reach the tablet on A',
      });
      // Stored, not only broadcast: A's API reads it from PostgreSQL.
      const board = await api(a.url, `/api/boards/${BOARD}`, { token });
      expect(board.body.control).toMatchObject({ locked: true });
      const audit = await api(a.url, '/api/events/demo/audit', admin);
      expect(audit.body.entries).toContainEqual(
        expect.objectContaining({ action: 'board.lock', actor: 'Bu Rina', boardId: BOARD }),
      );
    });

    it('counts wrong join codes made on A and B together', async () => {
      // About counting across instances, not the fallback: a busy CI machine may take Redis past
      // the default 250 ms, after which an instance counts alone (by design).
      const { a, b } = await twoInstances({ JOIN_THROTTLE_REDIS_MS: '5000' });
      const wrong = (p: ServerProcess) =>
        api(p.url, '/api/join', { body: { code: 'ZZZZZZ', name: 'Tebak' } });
      // Eight wrong codes per address and minute (JOIN_FAILURES_PER_WINDOW), four on each.
      for (let i = 0; i < 4; i++) {
        expect((await wrong(a)).status).toBe(404);
        expect((await wrong(b)).status).toBe(404);
      }
      // Neither instance alone saw more than four, yet the ninth is refused on either.
      expect((await wrong(a)).status).toBe(429);
      expect((await wrong(b)).status).toBe(429);
    });
  },
);

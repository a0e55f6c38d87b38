import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addCard } from '../../shared/board/boardModel';
import { CLOSE_CODES } from '../../shared/protocol';
import {
  CLUSTER_ADMIN_TOKEN,
  cardTexts,
  docFromPostgres,
  dropSchemas,
  killAll,
  startCluster,
  startInstance,
  type ClusterSettings,
} from '../helpers/scaledCluster';
import { RedisProcess } from '../helpers/redisProcess';
import {
  scaledServicesAvailable,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniqueSchema,
} from '../helpers/scaledServices';
import { listenForPapan, sayHello } from '../helpers/papanClient';
import { TcpProxy } from '../helpers/tcpProxy';
import type { ServerProcess } from '../helpers/serverProcess';
import { makeTempDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

const available = await scaledServicesAvailable({ redis: true });
const BOARD = 'demo-paringin';
/** Starting real instances takes seconds on a busy 2-core machine; these are not speed tests. */
const CLUSTER_TEST_TIMEOUT_MS = 180_000;
const params = { token: CLUSTER_ADMIN_TOKEN };

const schemas: string[] = [];
const processes: ServerProcess[] = [];
const clients: TestClient[] = [];
const temps: ReturnType<typeof makeTempDir>[] = [];

function settings(extra: Partial<ClusterSettings> = {}): ClusterSettings {
  const schema = uniqueSchema('papan_cluster');
  schemas.push(schema);
  const temp = makeTempDir();
  temps.push(temp);
  return { schema, dataDir: temp.dir, redisUrl: TEST_REDIS_URL, ...extra };
}

function client(instance: ServerProcess): TestClient {
  const c = connectClient(instance.syncUrl, BOARD, { params });
  clients.push(c);
  return c;
}

function write(doc: Y.Doc, text: string): string {
  return addCard(doc, {
    text,
    desaKode: null,
    bidang: null,
    x: 0,
    y: 0,
    author: { id: 'w', name: 'W' },
  });
}

/** Every client holds the same cards as each other and as PostgreSQL. */
async function expectConverged(schema: string, docs: Y.Doc[], timeoutMs = 20_000) {
  const stored = await waitFor(
    async () => {
      const fromPg = cardTexts(await docFromPostgres(schema, BOARD));
      return docs.every((doc) => cardTexts(doc) === fromPg) ? fromPg : null;
    },
    { timeoutMs, intervalMs: 200, what: 'clients and PostgreSQL to converge' },
  ).catch(async (error: unknown) => {
    const fromPg = JSON.parse(cardTexts(await docFromPostgres(schema, BOARD))) as string[][];
    const pgIds = new Set(fromPg.map(([id]) => id));
    for (const doc of docs) {
      const ids = [...doc.getMap('cards').keys()];
      console.error(
        `client ${doc.clientID}: ${ids.length} cards, PostgreSQL ${pgIds.size};`,
        `missing ${[...pgIds].filter((id) => !doc.getMap('cards').has(id ?? '')).length},`,
        `extra ${ids.filter((id) => !pgIds.has(id)).length}`,
      );
    }
    throw error;
  });
  return JSON.parse(stored) as [string, string][];
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await killAll(processes);
  for (const temp of temps.splice(0)) temp.remove();
});

afterAll(async () => {
  if (available) await dropSchemas(schemas);
});

describe.skipIf(!available)(
  'several instances on PostgreSQL and Redis',
  { timeout: CLUSTER_TEST_TIMEOUT_MS },
  () => {
    it('stock clients spread over three instances converge with the board rebuilt from PostgreSQL', async () => {
      const cluster = settings();
      processes.push(...(await startCluster(cluster, 3)));
      const editors = processes.flatMap((instance) => [client(instance), client(instance)]);
      await Promise.all(editors.map((c) => c.synced()));
      const before = editors[0]?.doc.getMap('cards').size ?? 0;

      const written: string[] = [];
      for (let round = 0; round < 40; round++) {
        const editor = editors[Math.floor(Math.random() * editors.length)];
        if (!editor) continue;
        const cards = editor.doc.getMap<Y.Map<unknown>>('cards');
        if (Math.random() < 0.7 || written.length === 0) {
          written.push(write(editor.doc, `kartu ${round}`));
        } else {
          // Edit a card someone else may be editing right now on another instance.
          const id = written[Math.floor(Math.random() * written.length)] ?? '';
          cards.get(id)?.set('text', `diubah ${round}`);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      }

      const converged = await expectConverged(
        cluster.schema,
        editors.map((c) => c.doc),
      );
      expect(converged.length).toBe(before + written.length);
    });

    it('every update an observer received survives kill -9 of instances mid-stream', async () => {
      const cluster = settings({ env: { COMPACT_EVERY: '20' } });
      // Its own list: a restarted instance replaces the killed one here; `processes` keeps all.
      const instances = await startCluster(cluster, 3);
      processes.push(...instances);
      const seen = new Set<string>();
      const observe = (c: TestClient) =>
        c.doc.getMap('cards').observe((event) => {
          for (const key of event.keysChanged) if (c.doc.getMap('cards').has(key)) seen.add(key);
        });
      const writers = instances.map((instance) => client(instance));
      const observers = instances.map((instance) => client(instance));
      await Promise.all([...writers, ...observers].map((c) => c.synced()));
      observers.forEach(observe);

      let n = 0;
      const stream = setInterval(() => {
        for (const w of writers) if (w.provider.wsconnected) write(w.doc, `kartu ${n++}`);
        // About 150 writes/s in all: a room commits one write at a time (see the README).
      }, 20);
      try {
        for (let kill = 0; kill < 2; kill++) {
          await waitFor(() => seen.size >= 60 * (kill + 1), { timeoutMs: 30_000, what: 'stream' });
          const victim = Math.floor(Math.random() * instances.length);
          const killed = instances[victim];
          killed?.child.kill('SIGKILL');
          expect(await killed?.exited).toBe('SIGKILL');
          // Its clients lost the server that took their updates: only what was stored counts.
          writers[victim]?.provider.disconnect();
          observers[victim]?.provider.disconnect();
          const restarted = await startInstance(cluster, `i${victim + 1}-again${kill}`);
          instances[victim] = restarted;
          processes.push(restarted);
          writers[victim] = client(restarted);
          observers[victim] = client(restarted);
          observe(observers[victim]);
        }
      } finally {
        clearInterval(stream);
      }
      const survivors = [...writers, ...observers].filter((c) => c.provider.wsconnected);
      await expectConverged(
        cluster.schema,
        survivors.map((c) => c.doc),
        60_000,
      );
      const stored = (await docFromPostgres(cluster.schema, BOARD)).getMap('cards');
      expect([...seen].filter((id) => !stored.has(id))).toEqual([]);
      expect(seen.size).toBeGreaterThanOrEqual(120);
    });
  },
);

describe.skipIf(!available)(
  'control across instances',
  { timeout: CLUSTER_TEST_TIMEOUT_MS },
  () => {
    it('a lock set through instance A reaches a tablet on instance B, whose writes are then refused', async () => {
      const cluster = settings();
      processes.push(...(await startCluster(cluster, 2)));
      const [a, b] = processes;
      if (!a || !b) throw new Error('two instances expected');
      const tablet = client(b);
      const watcher = client(a);
      const messages = listenForPapan(tablet);
      await Promise.all([tablet.synced(), watcher.synced()]);
      sayHello(tablet);
      await waitFor(() => messages.some((m) => m.type === 'control'), { what: 'hello answered' });

      const response = await fetch(`${a.url}/api/boards/${BOARD}/control`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${CLUSTER_ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ locked: true }),
      });
      expect(response.status).toBe(200);
      await waitFor(() => messages.some((m) => m.type === 'control' && m.control.locked), {
        timeoutMs: 5000,
        what: 'the lock to reach the tablet on B',
      });
      const refused = write(tablet.doc, 'saat terkunci');
      await waitFor(() => messages.some((m) => m.type === 'refused' && m.reason === 'locked'), {
        what: 'the refusal',
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(watcher.doc.getMap('cards').has(refused)).toBe(false);
      expect((await docFromPostgres(cluster.schema, BOARD)).getMap('cards').has(refused)).toBe(
        false,
      );
    });
  },
);

/** Reads a console stream (server-sent events) into a list of `live` payloads. */
async function readLive(url: string, into: { boards: { id: string; cards: number }[] }[]) {
  const response = await fetch(url);
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no stream');
  const decoder = new TextDecoder();
  let buffered = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (block.startsWith('event: live') && data) into.push(JSON.parse(data));
      }
    }
  })();
  return () => reader.cancel().catch(() => undefined);
}

describe.skipIf(!available)(
  'the console across instances',
  { timeout: CLUSTER_TEST_TIMEOUT_MS },
  () => {
    it('the console on instance B counts a card added through instance C', async () => {
      const cluster = settings();
      processes.push(...(await startCluster(cluster, 3)));
      const [, b, c] = processes;
      if (!b || !c) throw new Error('three instances expected');
      const tablet = client(c);
      await tablet.synced();
      const before = tablet.doc.getMap('cards').size;
      const live: { boards: { id: string; cards: number }[] }[] = [];
      const stop = await readLive(
        `${b.url}/api/events/demo/stream?token=${CLUSTER_ADMIN_TOKEN}`,
        live,
      );
      try {
        // The console's first read of the board loads it on B.
        write(tablet.doc, 'kartu baru dari C');
        await waitFor(
          () =>
            live.some((m) =>
              m.boards.some((board) => board.id === BOARD && board.cards === before + 1),
            ),
          { timeoutMs: 10_000, what: "the console on B to count C's card" },
        );
        const seen = live.length;
        const addedAt = Date.now();
        write(tablet.doc, 'kartu kedua dari C');
        await waitFor(
          () =>
            live
              .slice(seen)
              .some((m) =>
                m.boards.some((board) => board.id === BOARD && board.cards === before + 2),
              ),
          { timeoutMs: 10_000, what: 'the second card on the console' },
        );
        console.info(`console on B counted a card added on C after ${Date.now() - addedAt} ms`);
      } finally {
        await stop();
      }
    });
  },
);

describe.skipIf(!available)(
  'presence across instances',
  { timeout: CLUSTER_TEST_TIMEOUT_MS },
  () => {
    it('a cursor on instance A shows on instance B, and vanishes within seconds when A is killed', async () => {
      const cluster = settings();
      processes.push(...(await startCluster(cluster, 2)));
      const [a, b] = processes;
      if (!a || !b) throw new Error('two instances expected');
      const onA = client(a);
      const onB = client(b);
      await Promise.all([onA.synced(), onB.synced()]);
      onA.provider.awareness.setLocalStateField('user', { name: 'Sari di A' });
      const idOnA = onA.doc.clientID;
      await waitFor(() => onB.provider.awareness.getStates().get(idOnA)?.user, {
        timeoutMs: 5000,
        what: "A's cursor on B",
      });
      a.child.kill('SIGKILL');
      const killedAt = Date.now();
      await waitFor(() => !onB.provider.awareness.getStates().has(idOnA), {
        timeoutMs: 10_000,
        what: "A's cursor to vanish from B",
      });
      // Well before the clients' own 30 s presence timeout: the heartbeat purged it.
      expect(Date.now() - killedAt).toBeLessThan(10_000);
    });
  },
);

describe.skipIf(!available)(
  'several instances when Redis or PostgreSQL goes away',
  { timeout: CLUSTER_TEST_TIMEOUT_MS },
  () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    it('still converges while Redis is stopped (instances poll PostgreSQL) and after it restarts', async () => {
      const redis = await RedisProcess.start();
      cleanups.push(() => redis.stop());
      const cluster = settings({ redisUrl: redis.url });
      processes.push(...(await startCluster(cluster, 2)));
      const [a, b] = processes.map((instance) => client(instance));
      if (!a || !b) throw new Error('two clients expected');
      await Promise.all([a.synced(), b.synced()]);

      const phase = async (label: string) => {
        const fromA = write(a.doc, `${label} dari A`);
        const fromB = write(b.doc, `${label} dari B`);
        await waitFor(() => a.doc.getMap('cards').has(fromB) && b.doc.getMap('cards').has(fromA), {
          timeoutMs: 15_000,
          what: `cards written ${label} to cross instances`,
        });
      };
      await phase('sebelum');
      await redis.stop();
      await phase('redis mati');
      await redis.restart();
      await phase('redis hidup lagi');
      await expectConverged(cluster.schema, [a.doc, b.doc]);
    });

    it('with PostgreSQL unreachable a room stores nothing, broadcasts nothing, closes with 4504, and stays up', async () => {
      const proxy = new TcpProxy('127.0.0.1', Number(new URL(TEST_DATABASE_URL).port || 5432));
      await proxy.start();
      cleanups.push(() => proxy.stop());
      const viaProxy = new URL(TEST_DATABASE_URL);
      viaProxy.port = String(proxy.port);
      const cluster = settings();
      const cut = await startInstance({ ...cluster, databaseUrl: viaProxy.toString() }, 'i1');
      const healthy = await startInstance(cluster, 'i2');
      processes.push(cut, healthy);
      const writer = client(cut);
      const sameInstance = client(cut);
      const otherInstance = client(healthy);
      await Promise.all([writer, sameInstance, otherInstance].map((c) => c.synced()));

      await proxy.stop();
      const id = write(writer.doc, 'ditulis saat basis data mati');
      await waitFor(
        () => writer.closes.some((close) => close.code === CLOSE_CODES.storeUnavailable),
        {
          timeoutMs: 15_000,
          what: 'close code 4504',
        },
      );
      // Give a wrong broadcast every chance to arrive before checking it did not.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(sameInstance.doc.getMap('cards').has(id)).toBe(false);
      expect(otherInstance.doc.getMap('cards').has(id)).toBe(false);
      expect((await docFromPostgres(cluster.schema, BOARD)).getMap('cards').has(id)).toBe(false);
      expect(writer.doc.getMap('cards').has(id)).toBe(true);
      expect(cut.child.exitCode).toBeNull();
      expect((await fetch(`${cut.url}/healthz`)).status).toBeLessThan(600);

      await proxy.start();
      // The client kept its card and resends it when it reconnects.
      await waitFor(() => otherInstance.doc.getMap('cards').has(id), {
        timeoutMs: 20_000,
        what: 'the kept card to arrive once the database is back',
      });
      await expectConverged(cluster.schema, [writer.doc, sameInstance.doc, otherInstance.doc]);
    });
  },
);

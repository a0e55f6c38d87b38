import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { addCard } from '../../shared/board/boardModel';
import {
  CLUSTER_ADMIN_TOKEN,
  dropSchemas,
  killAll,
  startCluster,
  type ClusterSettings,
} from '../helpers/scaledCluster';
import { scaledServicesAvailable, TEST_REDIS_URL, uniqueSchema } from '../helpers/scaledServices';
import type { ServerProcess } from '../helpers/serverProcess';
import { makeTempDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';

const available = await scaledServicesAvailable({ redis: true });
const BOARD = 'demo-paringin';
/** Starting real instances takes seconds on a busy 2-core machine; these are not speed tests. */
const CLUSTER_TEST_TIMEOUT_MS = 180_000;

const schemas: string[] = [];
const processes: ServerProcess[] = [];
const clients: TestClient[] = [];
const temps: ReturnType<typeof makeTempDir>[] = [];

function settings(): ClusterSettings {
  const schema = uniqueSchema('papan_alarm');
  schemas.push(schema);
  const temp = makeTempDir();
  temps.push(temp);
  // The alarm at 5 cards deleted within 10 s by one connection (the defaults, said out loud).
  const env = { DELETION_ALARM_CARDS: '5', DELETION_ALARM_WINDOW_SECONDS: '10' };
  return { schema, dataDir: temp.dir, redisUrl: TEST_REDIS_URL, env };
}

/** The blocks of a server-sent event stream, as `{event, data}` with data parsed, as they arrive. */
async function readEvents(url: string, into: { event: string; data: unknown }[]) {
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
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) into.push({ event, data: JSON.parse(data) });
      }
    }
  })();
  return () => reader.cancel().catch(() => undefined);
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
  'the deletion alarm across instances',
  { timeout: CLUSTER_TEST_TIMEOUT_MS },
  () => {
    it("a mass deletion through instance A raises the alarm in B's console stream, once", async () => {
      const cluster = settings();
      processes.push(...(await startCluster(cluster, 2)));
      const [a, b] = processes;
      if (!a || !b) throw new Error('two instances expected');
      const tablet = connectClient(a.syncUrl, BOARD, { params: { token: CLUSTER_ADMIN_TOKEN } });
      clients.push(tablet);
      await tablet.synced();
      const cards = tablet.doc.getMap('cards');
      for (let i = 0; i < 6; i++) {
        addCard(tablet.doc, {
          text: `kartu ${i}`,
          desaKode: null,
          bidang: null,
          x: i * 10,
          y: 0,
          author: { id: 'w', name: 'W' },
        });
      }
      const doomed = cards.size;
      const onB: { event: string; data: unknown }[] = [];
      const alarmsOnB = () =>
        onB
          .filter(({ event }) => event === 'alarm')
          .map(({ data }) => data as { boardId: string; cards: number; pointId: number });
      const stop = await readEvents(
        `${b.url}/api/events/demo/stream?token=${CLUSTER_ADMIN_TOKEN}`,
        onB,
      );
      try {
        await waitFor(() => onB.some(({ event }) => event === 'live'), { what: "B's console" });
        tablet.doc.transact(() => {
          for (const key of [...cards.keys()]) cards.delete(key);
        });
        const [alarm] = await waitFor(() => (alarmsOnB().length > 0 ? alarmsOnB() : null), {
          timeoutMs: 10_000,
          what: "the alarm in B's console stream",
        });
        expect(alarm).toMatchObject({ boardId: BOARD, cards: doomed });
        // The point the alarm names is readable through B: the history lives in PostgreSQL.
        const point = await fetch(
          `${b.url}/api/boards/${BOARD}/history/${alarm!.pointId}?token=${CLUSTER_ADMIN_TOKEN}`,
        );
        expect(point.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(alarmsOnB()).toHaveLength(1);
      } finally {
        await stop();
      }
    });
  },
);

import net from 'node:net';
import pg from 'pg';
import * as Y from 'yjs';
import { PgDocStore } from '../../server/store/PgDocStore';
import { BenchClient, type ClientSpec } from '../lib/BenchClient';
import { metricValue, type BenchServer } from '../lib/BenchServer';
import { readCpuSeconds } from '../lib/procStats';
import { round, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario';
import { summarize } from '../lib/stats';

const DATABASE_URL =
  process.env.PAPAN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.PAPAN_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/** Durable appends per second into PostgreSQL: `boards` boards, 8 writers each, group commit. */
async function appendThroughput(schema: string, boards: number, seconds: number) {
  const store = await PgDocStore.open({ connectionString: DATABASE_URL, schema });
  const doc = new Y.Doc();
  doc.getMap('cards').set('k', 'x'.repeat(60));
  const update = Y.encodeStateAsUpdate(doc);
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const writer = async (boardId: string) => {
    while (performance.now() < until) {
      await store.append(boardId, update, { kind: 'client', actor: 'bench' });
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: boards * 8 }, (_, i) => writer(`bench-append-${i % boards}`)),
  );
  const elapsed = (performance.now() - started) / 1000;
  await store.close();
  return done / elapsed;
}

/** Updates the servers have committed (client writes, summed over the instances). */
async function committedUpdates(servers: BenchServer[]): Promise<number> {
  const counts = await Promise.all(
    servers.map(async (server) => metricValue(await server.metrics(), 'papan_updates_in_total')),
  );
  return counts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
}

/** CPU seconds the server processes have used so far (user + system). */
function instancesCpuSeconds(servers: BenchServer[]): number {
  return servers.reduce((sum, server) => sum + readCpuSeconds(server.pid), 0);
}

/**
 * Durable updates per second through the servers: `rooms` rooms with `clients` editors each,
 * spread over both instances, each sending `perClient` card edits as fast as its socket drains.
 * Every update counted was committed to PostgreSQL before anyone saw it (papan_updates_in_total
 * counts commits). Rate = committed / (last commit seen - first send).
 */
async function durableThroughput(
  ctx: ScenarioContext,
  servers: BenchServer[],
  rooms: string[],
  clients: number,
  perClient: number,
) {
  const specs: ClientSpec[] = rooms.flatMap((room) =>
    Array.from({ length: clients }, (_, i) => {
      const server = servers[i % servers.length]!;
      return {
        no: ctx.clientNo(),
        url: server.syncUrl(room),
        room,
        framing: server.framing,
        token: server.token,
        role: 'editor' as const,
      };
    }),
  );
  try {
    const connected = await ctx.generator.connect(specs, { timeoutMs: 60_000 });
    await sleep(500);
    const before = await committedUpdates(servers);
    const cpuBefore = instancesCpuSeconds(servers);
    const burst = await ctx.generator.burst(perClient);
    let committed = 0;
    let lastAt = performance.now();
    let stalledSince = performance.now();
    let cpuAtLast = cpuBefore;
    while (committed < burst.sent && performance.now() - stalledSince < 5000) {
      await sleep(50);
      const now = (await committedUpdates(servers)) - before;
      if (now !== committed) {
        committed = now;
        lastAt = performance.now();
        stalledSince = lastAt;
        cpuAtLast = instancesCpuSeconds(servers);
      }
    }
    // burst.firstSend is wall-clock ms (performance.timeOrigin based), like nowMs().
    const seconds = (performance.timeOrigin + lastAt - burst.firstSend) / 1000;
    // CPU the instances spent per committed update: what other load on the machine inflates
    // least (the rate above shares two cores with PostgreSQL, Redis and the load generator).
    const cpuMicrosPerUpdate = committed > 0 ? ((cpuAtLast - cpuBefore) * 1e6) / committed : 0;
    return { synced: connected.synced, sent: burst.sent, committed, seconds, cpuMicrosPerUpdate };
  } finally {
    await ctx.generator.closeClients();
  }
}

/**
 * Edit latency seen by an observer on the writers' own instance and by one on another instance,
 * `rooms` rooms with `editors` editors each (all on instance A, 1 edit/s each).
 */
async function crossInstanceLatency(
  ctx: ScenarioContext,
  a: BenchServer,
  b: BenchServer,
  rooms: string[],
  editors: number,
  seconds: number,
) {
  const same: number[] = [];
  const cross: number[] = [];
  const clients: BenchClient[] = [];
  const spec = (server: BenchServer, room: string, role: ClientSpec['role']): ClientSpec => ({
    no: ctx.clientNo(),
    url: server.syncUrl(room),
    room,
    framing: server.framing,
    token: server.token,
    role,
  });
  const quiet = { onUpdate: () => undefined, onAwareness: () => undefined };
  for (const room of rooms) {
    clients.push(
      new BenchClient(spec(a, room, 'observer'), {
        ...quiet,
        onEditLatency: (ms) => same.push(ms),
      }),
    );
    clients.push(
      new BenchClient(spec(b, room, 'observer'), {
        ...quiet,
        onEditLatency: (ms) => cross.push(ms),
      }),
    );
    for (let i = 0; i < editors; i++) {
      clients.push(
        new BenchClient(spec(a, room, 'editor'), { ...quiet, onEditLatency: () => undefined }),
      );
    }
  }
  try {
    await Promise.all(clients.map((c) => c.whenSynced(30_000)));
    await sleep(500);
    same.length = 0;
    cross.length = 0;
    const until = performance.now() + seconds * 1000;
    const editorsOnly = clients.filter((c) => c.spec.role === 'editor');
    while (performance.now() < until) {
      // Spread each second's edits over the second.
      for (const editor of editorsOnly) {
        editor.edit();
        await sleep(1000 / editorsOnly.length);
      }
    }
    await sleep(1000);
    return { same: summarize(same), cross: summarize(cross) };
  } finally {
    for (const client of clients) client.close();
  }
}

/** Scaled mode: PostgreSQL append throughput and cross-instance latency (ours only). */
export async function scaledScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    scenario: 'scaled',
    title: 'Scaled mode: several instances on PostgreSQL and Redis',
    figures: [],
    notes: [],
  };
  if (!ctx.servers.includes('ours')) return result;
  if (!(await answers(DATABASE_URL)) || !(await answers(REDIS_URL))) {
    result.notes.push(
      `Skipped: PostgreSQL (${DATABASE_URL}) or Redis (${REDIS_URL}) did not answer.`,
    );
    return result;
  }
  const schema = `papan_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    const boards = ctx.quick ? 4 : 20;
    const perSecond = await appendThroughput(`${schema}_append`, boards, ctx.quick ? 1 : 5);
    ctx.log(`scaled append: ${Math.round(perSecond)} durable updates/s over ${boards} boards`);
    result.figures.push({
      name: `PostgreSQL durable appends/s (${boards} boards x 8 writers, group commit)`,
      unit: 'updates/s',
      better: 'higher',
      values: { ours: Math.round(perSecond) },
    });

    const env = { DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL, ROOM_IDLE_MS: '600000' };
    const a = await ctx.startServer('ours', { env: { ...env, INSTANCE_ID: 'bench-a' } });
    try {
      const b = await ctx.startServer('ours', {
        dataDir: a.dataDir,
        env: { ...env, INSTANCE_ID: 'bench-b' },
      });
      try {
        const rooms = await a.createRooms(20, `scaled-${ctx.clientNo()}`);
        const editors = 20;
        // Two shapes: every client of a 20-client room receives each update (19-fold fan-out),
        // and 8 writers a board, the shape of the single-instance durable append scenario.
        for (const clients of [editors, 8]) {
          const perClient = (ctx.quick ? 200 : 1000) / clients;
          const durable = await durableThroughput(ctx, [a, b], rooms, clients, perClient);
          const durableRate = durable.committed / durable.seconds;
          ctx.log(
            `scaled durable ${rooms.length}x${clients}: ${durable.committed}/${durable.sent} committed in ` +
              `${round(durable.seconds)} s = ${Math.round(durableRate)}/s, instances' CPU ` +
              `${Math.round(durable.cpuMicrosPerUpdate)} µs/update (${durable.synced} clients synced)`,
          );
          result.figures.push({
            name: `durable updates/s through two instances (${rooms.length} rooms x ${clients} clients)`,
            unit: 'updates/s',
            better: 'higher',
            values: { ours: Math.round(durableRate) },
          });
          result.figures.push({
            name: `instances' CPU per durable update (${rooms.length} rooms x ${clients} clients)`,
            unit: 'µs',
            better: 'lower',
            values: { ours: Math.round(durable.cpuMicrosPerUpdate) },
          });
          if (durable.committed < durable.sent) {
            result.notes.push(
              `${rooms.length} x ${clients}: only ${durable.committed} of ${durable.sent} updates were committed.`,
            );
          }
          result.notes.push(
            `Durable ${rooms.length} x ${clients}: ${rooms.length} rooms x ${clients} editors (half on each instance), ` +
              `${perClient} card edits each, sent as fast as each socket drains; rate = updates committed to ` +
              "PostgreSQL (papan_updates_in_total) / (last commit seen - first send); CPU = both instances' " +
              'user + system time over the same span / updates committed.',
          );
          await sleep(1000);
        }
        await sleep(1000);
        const latency = await crossInstanceLatency(ctx, a, b, rooms, editors, ctx.quick ? 5 : 20);
        for (const [label, summary] of [
          ['same instance', latency.same],
          ['other instance', latency.cross],
        ] as const) {
          for (const p of ['p50', 'p95', 'p99'] as const) {
            result.figures.push({
              name: `edit latency ${p}, observer on the ${label}`,
              unit: 'ms',
              better: 'lower',
              values: { ours: round(summary[p]) },
            });
          }
          ctx.log(
            `scaled ${label}: ${summary.count} edits, p50 ${round(summary.p50)} p99 ${round(summary.p99)} ms`,
          );
        }
        result.notes.push(
          `${rooms.length} rooms x ${editors} editors on instance A at 1 edit/s each; one observer per room on A and one on B. ` +
            'Both instances, PostgreSQL, Redis and the load generator share this machine: the machine, not the design, caps the totals.',
        );
      } finally {
        await b.stop();
      }
    } finally {
      await a.stop();
      a.cleanup();
    }
  } finally {
    await dropSchema(schema).catch(() => undefined);
    await dropSchema(`${schema}_append`).catch(() => undefined);
  }
  return result;
}

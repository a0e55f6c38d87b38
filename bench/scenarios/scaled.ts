import pg from 'pg';
import * as Y from 'yjs';
import { PgDocStore } from '../../server/store/PgDocStore';
import { BenchClient, type ClientSpec } from '../lib/BenchClient';
import { metricValue, type BenchServer, type ServerKind } from '../lib/BenchServer';
import { readCpuSeconds } from '../lib/procStats';
import {
  BENCH_DATABASE_URL,
  liveClocks,
  scaledServicesMissing,
  startInstances,
  stopInstances,
  storedClocks,
} from '../lib/scaledInstances';
import {
  round,
  sleep,
  type Figure,
  type ScenarioContext,
  type ScenarioResult,
} from '../lib/scenario';
import { summarize } from '../lib/stats';

const DATABASE_URL = BENCH_DATABASE_URL;

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

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** CPU seconds the server processes have used so far (user + system). */
function instancesCpuSeconds(servers: BenchServer[]): number {
  return sum(servers.map((server) => readCpuSeconds(server.pid)));
}

/**
 * Durable updates per second through the servers: `rooms` rooms with `clients` editors each,
 * spread over both instances, each sending `perClient` card edits as fast as its socket drains.
 *
 * Ours: every update counted was committed to PostgreSQL before anyone saw it
 * (papan_updates_in_total counts commits). Rate = committed / (last commit seen - first send).
 *
 * Hocuspocus+Redis (`schema` given): it broadcasts first and stores the whole document later
 * (debounced 2 s, at most 10 s), so an update is counted once the state in PostgreSQL holds it:
 * the stored states' clock sums (one per edit) are polled until they reach the instances' clock
 * sums before the burst plus the updates sent. Rate = stored / (last stored progress - first send).
 */
async function durableThroughput(
  ctx: ScenarioContext,
  servers: BenchServer[],
  rooms: string[],
  clients: number,
  perClient: number,
  schema?: string,
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
  // Hocuspocus stores up to 10 s after a change (its maxDebounce): allow for one such wait.
  const stallMs = schema ? (ctx.quick ? 12_000 : 15_000) : 5000;
  const progress = schema
    ? async () => sum(await storedClocks(schema, rooms))
    : async () => committedUpdates(servers);
  let measured: {
    synced: number;
    sent: number;
    committed: number;
    seconds: number;
    cpuMicrosPerUpdate: number;
  };
  let before: number;
  let inMemory: number | null = null;
  try {
    const connected = await ctx.generator.connect(specs, { timeoutMs: 60_000 });
    await sleep(500);
    before = schema ? sum(await liveClocks(servers, rooms)) : await committedUpdates(servers);
    const cpuBefore = instancesCpuSeconds(servers);
    const burst = await ctx.generator.burst(perClient);
    let cpuAtLast = cpuBefore;
    const target = before + burst.sent;
    let reached = await progress();
    let lastAt = performance.now();
    let stalledSince = performance.now();
    while (reached < target && performance.now() - stalledSince < stallMs) {
      await sleep(schema ? 200 : 50);
      const now = await progress();
      if (now !== reached) {
        reached = now;
        lastAt = performance.now();
        stalledSince = lastAt;
        cpuAtLast = instancesCpuSeconds(servers);
      }
    }
    // What was stored before the burst (Hocuspocus' card creations) is not the burst's.
    const committed = Math.max(0, Math.min(burst.sent, reached - before));
    // Hocuspocus: how many the instances hold in memory (acknowledged and broadcast).
    if (schema) inMemory = sum(await liveClocks(servers, rooms)) - before;
    // burst.firstSend is wall-clock ms (performance.timeOrigin based), like nowMs().
    const seconds = (performance.timeOrigin + lastAt - burst.firstSend) / 1000;
    // CPU the instances spent per update over the same span: what other load on the machine
    // inflates least (the rate shares two cores with PostgreSQL, Redis and the load generator).
    const cpuMicrosPerUpdate = committed > 0 ? ((cpuAtLast - cpuBefore) * 1e6) / committed : 0;
    measured = {
      synced: connected.synced,
      sent: burst.sent,
      committed,
      seconds,
      cpuMicrosPerUpdate,
    };
  } finally {
    await ctx.generator.closeClients();
  }
  // Hocuspocus stores what is pending when a document's last client leaves (after its 1 s
  // disconnect delay): what PostgreSQL holds once everyone has gone.
  let afterLeave: number | null = null;
  if (schema) {
    await sleep(5000);
    afterLeave = Math.min(measured.sent, sum(await storedClocks(schema, rooms)) - before);
  }
  return { ...measured, inMemory, afterLeave, stallSeconds: stallMs / 1000 };
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

/** Two instances of `kind` on one schema and Redis: durable throughput and edit latency. */
async function twoInstances(
  ctx: ScenarioContext,
  kind: ServerKind,
  schema: string,
  result: ScenarioResult,
  figure: (name: string, unit: string, better: Figure['better'], value: number) => void,
) {
  const [a, b] = await startInstances(ctx, 2, schema, kind);
  try {
    if (!a || !b) throw new Error('two instances did not start');
    const rooms = await a.createRooms(20, `scaled-${ctx.clientNo()}`);
    const editors = 20;
    const hocuspocus = kind === 'hocuspocus';
    // Two shapes: every client of a 20-client room receives each update (19-fold fan-out), and 8
    // writers a board, the shape of the single-instance durable append scenario.
    for (const clients of [editors, 8]) {
      const perClient = (ctx.quick ? 200 : 1000) / clients;
      const durable = await durableThroughput(
        ctx,
        [a, b],
        rooms,
        clients,
        perClient,
        hocuspocus ? schema : undefined,
      );
      const durableRate = durable.committed / durable.seconds;
      ctx.log(
        `scaled ${kind} durable ${rooms.length}x${clients}: ${durable.committed}/${durable.sent} ` +
          `${hocuspocus ? 'stored' : 'committed'} in ${round(durable.seconds)} s = ` +
          `${Math.round(durableRate)}/s, instances' CPU ${Math.round(durable.cpuMicrosPerUpdate)} µs/update ` +
          `(${durable.synced} clients synced)`,
      );
      figure(
        `durable updates/s through two instances (${rooms.length} rooms x ${clients} clients; ` +
          'hocuspocus: counted when stored, after it acknowledged and broadcast)',
        'updates/s',
        'higher',
        Math.round(durableRate),
      );
      figure(
        `instances' CPU per durable update (${rooms.length} rooms x ${clients} clients)`,
        'µs',
        'lower',
        Math.round(durable.cpuMicrosPerUpdate),
      );
      if (durable.committed < durable.sent) {
        result.notes.push(
          `${kind} ${rooms.length} x ${clients}: only ${durable.committed} of ${durable.sent} updates were ` +
            `${hocuspocus ? 'in PostgreSQL' : 'committed'} when counting stopped` +
            (hocuspocus
              ? ` (${durable.stallSeconds} s without progress), while the instances held ` +
                `${durable.inMemory} of them in memory (acknowledged and broadcast); ` +
                `5 s after every client had left, PostgreSQL held ${durable.afterLeave}.`
              : '.'),
        );
      }
      await sleep(1000);
    }
    await sleep(1000);
    const latency = await crossInstanceLatency(ctx, a, b, rooms, editors, ctx.quick ? 5 : 20);
    for (const [label, summary] of [
      ['same instance', latency.same],
      ['other instance', latency.cross],
    ] as const) {
      for (const p of ['p50', 'p95', 'p99'] as const) {
        figure(`edit latency ${p}, observer on the ${label}`, 'ms', 'lower', round(summary[p]));
      }
      ctx.log(
        `scaled ${kind} ${label}: ${summary.count} edits, p50 ${round(summary.p50)} p99 ${round(summary.p99)} ms`,
      );
    }
    if (hocuspocus) {
      // Hocuspocus logs each store it skips because the other instance holds the Redis lock.
      const skips = [...a.stderr, ...b.stderr].join('').split('Could not acquire lock').length - 1;
      result.notes.push(
        `hocuspocus: ${skips} store attempts skipped because the other instance held the Redis ` +
          "lock (counted in the first 200 chunks of the instances' stderr); a skipped store is not retried until that " +
          "instance's own clients change the document again.",
      );
    }
  } finally {
    await stopInstances(
      [a, b].filter((s): s is BenchServer => !!s),
      schema,
    );
  }
}

/**
 * Scaled mode: PostgreSQL append throughput (ours only), then durable throughput and
 * cross-instance latency with two instances of ours and, with `--servers ...,hocuspocus`, two of
 * Hocuspocus 3 with its Redis extension (bench/peers/hocuspocusRedisServer.ts).
 */
export async function scaledScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    scenario: 'scaled',
    title: 'Scaled mode: several instances on PostgreSQL and Redis',
    figures: [],
    notes: [],
  };
  const kinds = (['ours', 'hocuspocus'] as const).filter((kind) => ctx.servers.includes(kind));
  if (kinds.length === 0) return result;
  const missing = await scaledServicesMissing();
  if (missing) {
    result.notes.push(missing);
    return result;
  }
  const schema = `papan_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const figure =
    (kind: ServerKind) => (name: string, unit: string, better: Figure['better'], value: number) => {
      let row = result.figures.find((f) => f.name === name);
      if (!row) {
        row = { name, unit, better, values: {} };
        result.figures.push(row);
      }
      row.values[kind] = value;
    };
  try {
    if (kinds.includes('ours')) {
      const boards = ctx.quick ? 4 : 20;
      const perSecond = await appendThroughput(`${schema}_append`, boards, ctx.quick ? 1 : 5);
      ctx.log(`scaled append: ${Math.round(perSecond)} durable updates/s over ${boards} boards`);
      figure('ours')(
        `PostgreSQL durable appends/s (${boards} boards x 8 writers, group commit)`,
        'updates/s',
        'higher',
        Math.round(perSecond),
      );
    }
    for (const kind of kinds) {
      await twoInstances(ctx, kind, `${schema}_${kind}`, result, figure(kind));
      await sleep(1000);
    }
  } finally {
    await dropSchema(`${schema}_append`).catch(() => undefined);
  }
  const edits = ctx.quick ? 200 : 1000;
  result.notes.push(
    `Durable: 20 rooms x 20 editors, then 20 rooms x 8 (half on each instance), ${edits} card edits per room, ` +
      'sent as fast as each socket drains. Ours: rate = updates committed to PostgreSQL (papan_updates_in_total) / ' +
      "(last commit seen - first send); each is committed before anyone sees it. CPU = both instances' user + " +
      'system time over the same span / updates counted.',
    '20 rooms x 20 editors on instance A at 1 edit/s each; one observer per room on A and one on B. ' +
      'Both instances, PostgreSQL, Redis and the load generator share this machine: the machine, not the design, caps the totals.',
  );
  if (kinds.includes('hocuspocus')) {
    result.notes.push(
      'hocuspocus here is Hocuspocus 3 + @hocuspocus/extension-redis + @hocuspocus/extension-database ' +
        'storing each document whole into one PostgreSQL table (bench/peers/hocuspocusRedisServer.ts). ' +
        'It acknowledges and broadcasts an update before storing it (store debounced 2 s, at most 10 s): ' +
        'its "durable" rate counts an update once the state in PostgreSQL holds it (state vector clocks ' +
        'of the stored documents), measured by polling every 200 ms. Across instances it relays a change as ' +
        'a sync step 1 through Redis, answered by the other instance (more round trips than ours).',
    );
  }
  return result;
}

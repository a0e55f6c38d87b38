import { loadavg } from 'node:os';
import type { ClientSpec } from '../lib/BenchClient';
import type { BenchServer, ServerKind } from '../lib/BenchServer';
import { ProcSampler } from '../lib/procStats';
import {
  benchSchema,
  scaledServicesMissing,
  startInstances,
  stopInstances,
} from '../lib/scaledInstances';
import {
  round,
  sleep,
  type Figure,
  type ScenarioContext,
  type ScenarioResult,
} from '../lib/scenario';
import { summarize, type LatencySummary } from '../lib/stats';

const EDIT_HZ = 1;
const PRESENCE_HZ = 2;
/** A burst is over when no delivery arrived for this long, or at the latest after its budget. */
const BURST_STALL_MS = 3000;

interface InstancesLevel {
  instances: number;
  clients: number;
  synced: number;
  latency: LatencySummary;
  /** Edits delivered to other clients per second under the steady 1 edit/s load. */
  deliveredPerSecond: number;
  /** Edits committed to PostgreSQL and delivered to every other client of the room, per second. */
  burstPerSecond: number;
  burstComplete: boolean;
  /** CPU of all instances together, % of one core. */
  serverCpuPercent: number;
}

/** R rooms x C editors, the editors of each room dealt round-robin over the instances. */
async function measure(
  ctx: ScenarioContext,
  servers: BenchServer[],
  rooms: number,
  perRoom: number,
  timing: { warmupMs: number; measureMs: number; burstPerClient: number; burstBudgetMs: number },
): Promise<InstancesLevel> {
  const first = servers[0];
  if (!first) throw new Error('no instance');
  const roomIds = await first.createRooms(rooms, `inst${servers.length}-${ctx.clientNo()}`);
  const specs: ClientSpec[] = [];
  for (const room of roomIds) {
    for (let c = 0; c < perRoom; c++) {
      const server = servers[c % servers.length] ?? first;
      specs.push({
        no: ctx.clientNo(),
        url: server.syncUrl(room),
        room,
        framing: server.framing,
        token: server.token,
        role: 'editor',
      });
    }
  }
  try {
    const connected = await ctx.generator.connect(specs, { timeoutMs: 60_000 });
    await ctx.generator.load(EDIT_HZ, PRESENCE_HZ);
    await sleep(timing.warmupMs);
    await ctx.generator.reset();
    const samplers = servers.map((server) => new ProcSampler(server.pid));
    for (const sampler of samplers) sampler.start();
    const started = performance.now();
    await sleep(timing.measureMs);
    const cpu = samplers.reduce((sum, sampler) => sum + sampler.stop().cpuPercent, 0);
    const steady = await ctx.generator.collect();
    const elapsed = (performance.now() - started) / 1000;
    await ctx.generator.stopLoad();

    // Throughput: every editor sends a burst as fast as its socket drains; the rate is counted
    // up to the last delivery to the last other client of each room.
    await sleep(500);
    await ctx.generator.reset();
    const burst = await ctx.generator.burst(timing.burstPerClient);
    const expected = burst.sent * (perRoom - 1);
    let seen = -1;
    let stalledSince = performance.now();
    let last = await ctx.generator.collect();
    const giveUpAt = performance.now() + timing.burstBudgetMs;
    while (
      last.latencyCount < expected &&
      performance.now() - stalledSince < BURST_STALL_MS &&
      performance.now() < giveUpAt
    ) {
      if (last.latencyCount !== seen) {
        seen = last.latencyCount;
        stalledSince = performance.now();
      }
      await sleep(50);
      last = await ctx.generator.collect();
    }
    const burstSeconds = Math.max(0.001, (last.lastUpdateAt - burst.firstSend) / 1000);
    return {
      instances: servers.length,
      clients: specs.length,
      synced: connected.synced,
      latency: summarize(steady.latencies),
      deliveredPerSecond: steady.latencyCount / elapsed,
      burstPerSecond: last.latencyCount / (perRoom - 1) / burstSeconds,
      burstComplete: last.latencyCount >= expected,
      serverCpuPercent: cpu,
    };
  } finally {
    await ctx.generator.stopLoad().catch(() => undefined);
    await ctx.generator.closeClients().catch(() => undefined);
  }
}

/**
 * Scaled mode: the same breakout load (rooms x editors, 1 edit/s and presence 2/s each) on one,
 * two and three instances, with each room's editors spread over the instances, so most of what a
 * client sees crossed PostgreSQL and Redis. Ours, and with `--servers ...,hocuspocus` Hocuspocus 3
 * with its Redis extension (bench/peers/hocuspocusRedisServer.ts) under the same load.
 */
export async function instancesScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const rooms = ctx.quick ? 4 : 20;
  const perRoom = ctx.quick ? 5 : 20;
  const timing = ctx.quick
    ? { warmupMs: 1000, measureMs: 2000, burstPerClient: 5, burstBudgetMs: 10_000 }
    : { warmupMs: 4000, measureMs: 15_000, burstPerClient: 5, burstBudgetMs: 30_000 };
  const counts = [1, 2, 3];
  const result: ScenarioResult = {
    scenario: 'instances',
    title: `Scaled mode: 1, 2 and 3 instances (${rooms} rooms x ${perRoom} editors)`,
    figures: [],
    notes: [],
  };
  const kinds = (['ours', 'hocuspocus'] as const).filter((kind) => ctx.servers.includes(kind));
  if (kinds.length === 0) {
    result.notes.push(
      'Skipped: neither ours nor hocuspocus is among the servers of this run (or they did not start).',
    );
    return result;
  }
  const missing = await scaledServicesMissing();
  if (missing) {
    result.notes.push(missing);
    return result;
  }
  const levels: Partial<Record<ServerKind, InstancesLevel[]>> = {};
  for (const kind of kinds) {
    const kindLevels: InstancesLevel[] = [];
    levels[kind] = kindLevels;
    // Three instances started once (a start costs seconds on a loaded machine); level N puts its
    // clients on the first N, on fresh rooms, while the others idle.
    const schema = benchSchema(`instances_${kind}`);
    const servers = await startInstances(ctx, Math.max(...counts), schema, kind);
    try {
      for (const count of counts) {
        const level = await measure(ctx, servers.slice(0, count), rooms, perRoom, timing);
        kindLevels.push(level);
        ctx.log(
          `instances ${kind} ${count}: ${level.synced}/${level.clients} synced, p50 ${round(level.latency.p50)} ` +
            `p99 ${round(level.latency.p99)} ms, ${round(level.deliveredPerSecond)} deliveries/s, ` +
            `burst ${round(level.burstPerSecond)} updates/s${level.burstComplete ? '' : ' (incomplete)'}, ` +
            `CPU ${round(level.serverCpuPercent)}%`,
        );
        await sleep(500);
      }
    } finally {
      await stopInstances(servers, schema);
    }
  }
  const row = (
    kind: ServerKind,
    name: string,
    unit: string,
    better: Figure['better'],
    value: number,
  ) => {
    let figure = result.figures.find((f) => f.name === name);
    if (!figure) {
      figure = { name, unit, better, values: {} };
      result.figures.push(figure);
    }
    figure.values[kind] = round(value);
  };
  for (const kind of kinds) {
    for (const level of levels[kind] ?? []) {
      const n = `${level.instances} instance${level.instances > 1 ? 's' : ''}`;
      row(kind, `${n}: edit latency p50`, 'ms', 'lower', level.latency.p50);
      row(kind, `${n}: edit latency p95`, 'ms', 'lower', level.latency.p95);
      row(kind, `${n}: edit latency p99`, 'ms', 'lower', level.latency.p99);
      row(
        kind,
        `${n}: burst throughput (hocuspocus: delivered, not yet stored)`,
        'updates/s',
        'higher',
        level.burstPerSecond,
      );
      row(kind, `${n}: CPU of all instances`, '% of a core', 'lower', level.serverCpuPercent);
      if (!level.burstComplete) {
        result.notes.push(
          `${kind}, ${n}: not every burst update reached every client within the burst budget ` +
            `(${timing.burstBudgetMs / 1000} s, or 3 s without progress); the rate counts what arrived.`,
        );
      }
    }
  }
  // Figures in order: all rows of 1 instance, then 2, then 3 (rows were added kind by kind).
  result.figures.sort((x, y) => Number.parseInt(x.name, 10) - Number.parseInt(y.name, 10));
  result.notes.push(
    `${rooms} rooms x ${perRoom} editors, editor c of each room on instance c mod N; each edits ` +
      `its card ${EDIT_HZ}/s and sends presence ${PRESENCE_HZ}/s; latency from the edit to its ` +
      `arrival at every other editor of the room over ${timing.measureMs / 1000} s. Burst: every ` +
      `editor sends ${timing.burstPerClient} edits as fast as its socket drains; updates/s counted ` +
      'to the last delivery to every other client of the room (ours commits each update to ' +
      'PostgreSQL before anyone sees it).',
    'The three instances run throughout; level N uses the first N (the others idle). ' +
      'All instances, PostgreSQL, Redis and the load generator share one 2-core machine: more ' +
      'instances here means more processes on the same two cores, so the totals are capped by ' +
      'the machine, not the design. On separate hosts each instance brings its own cores.',
  );
  if (kinds.includes('hocuspocus')) {
    result.notes.push(
      'hocuspocus: Hocuspocus 3 + @hocuspocus/extension-redis, documents stored whole into ' +
        'PostgreSQL by @hocuspocus/extension-database (bench/peers/hocuspocusRedisServer.ts). ' +
        'It broadcasts before storing (store debounced 2 s, at most 10 s), so its burst figure ' +
        'counts deliveries of updates not yet durable; ours counts committed ones. Between ' +
        'instances it relays merged sync diffs (a sync step 1 through Redis, answered with the ' +
        'missing updates), and an edit its writer overwrote before the diff was made never ' +
        'reaches the other instance as such: those are neither delivered nor counted, so its ' +
        'burst across instances ends "incomplete" and counts fewer updates.',
    );
  }
  result.notes.push(
    `Load average when the scenario ended: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(', ')} (1, 5, 15 min; above 2 means other work competed for the 2 cores).`,
  );
  result.detail = { levels };
  return result;
}

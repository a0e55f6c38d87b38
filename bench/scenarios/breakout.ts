import type { ClientSpec } from '../lib/BenchClient';
import type { BenchServer, ServerKind } from '../lib/BenchServer';
import { availableParallelism } from 'node:os';
import { MachineSampler, ProcSampler, type ProcWindow } from '../lib/procStats';
import {
  round,
  sleep,
  withServer,
  type ScenarioContext,
  type ScenarioResult,
} from '../lib/scenario';
import { summarize, type LatencySummary } from '../lib/stats';

const EDIT_HZ = 1;
const PRESENCE_HZ = 2;
/** The step-up stops at the first level whose p99 passes this. */
const STEP_P99_LIMIT_MS = 100;

interface LevelResult {
  rooms: number;
  clientsPerRoom: number;
  clients: number;
  synced: number;
  latency: LatencySummary;
  server: ProcWindow;
  generatorCpuPercent: number;
  /** Whole machine, % of one core: what is above server + generator is other work. */
  machineCpuPercent: number;
  editsDelivered: number;
  awarenessDelivered: number;
  closedDuringRun: number;
}

/** R rooms x C editors: each edits its card once a second and moves its cursor twice a second. */
async function runLevel(
  ctx: ScenarioContext,
  server: BenchServer,
  rooms: number,
  clientsPerRoom: number,
  warmupMs: number,
  measureMs: number,
): Promise<LevelResult> {
  const roomIds = await server.createRooms(rooms, `b${rooms}x${clientsPerRoom}-${ctx.clientNo()}`);
  const specs: ClientSpec[] = [];
  for (const room of roomIds) {
    for (let c = 0; c < clientsPerRoom; c++) {
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
  // Interleave rooms, so each worker thread holds a slice of every room.
  const connected = await ctx.generator.connect(specs, { timeoutMs: 60_000 });
  await ctx.generator.load(EDIT_HZ, PRESENCE_HZ);
  await sleep(warmupMs);
  await ctx.generator.reset();
  const sampler = new ProcSampler(server.pid);
  const generatorCpu = process.cpuUsage();
  const machine = new MachineSampler();
  machine.start();
  sampler.start();
  const started = performance.now();
  await sleep(measureMs);
  const window = sampler.stop();
  const generatorUsed = process.cpuUsage(generatorCpu);
  const machineCpuPercent = machine.stop(availableParallelism());
  const elapsed = performance.now() - started;
  const collected = await ctx.generator.collect();
  await ctx.generator.stopLoad();
  await ctx.generator.closeClients();
  return {
    rooms,
    clientsPerRoom,
    clients: specs.length,
    synced: connected.synced,
    latency: summarize(collected.latencies),
    server: window,
    generatorCpuPercent: ((generatorUsed.user + generatorUsed.system) / 1000 / elapsed) * 100,
    machineCpuPercent,
    editsDelivered: collected.latencyCount,
    awarenessDelivered: collected.awareness,
    closedDuringRun: collected.closeCodes.length,
  };
}

function describe(level: LevelResult): string {
  const l = level.latency;
  return (
    `${level.rooms}x${level.clientsPerRoom} (${level.synced}/${level.clients} synced): ` +
    `p50 ${round(l.p50)} p95 ${round(l.p95)} p99 ${round(l.p99)} ms, ` +
    `${l.count} samples, server CPU ${round(level.server.cpuPercent)}% ` +
    `RSS ${round(level.server.rssPeakMiB)} MiB, generator CPU ${round(level.generatorCpuPercent)}%, ` +
    `machine ${round(level.machineCpuPercent)}%`
  );
}

/** Scenario 1: breakout rooms, then rooms added until p99 passes 100 ms. */
export async function breakoutScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const rooms = ctx.quick ? 4 : 50;
  const perRoom = ctx.quick ? 5 : 20;
  const warmupMs = ctx.quick ? 1000 : 4000;
  const measureMs = ctx.quick ? 1500 : 15_000;
  const stepRooms = ctx.quick ? [8] : [10, 25, 50, 75, 90, 100, 125, 150, 200];
  const stepMeasureMs = ctx.quick ? 1500 : 8000;
  const stepBudgetMs = ctx.quick ? 15_000 : 180_000;

  const base: Partial<Record<ServerKind, LevelResult>> = {};
  const steps: Partial<Record<ServerKind, LevelResult[]>> = {};
  const maxHeld: Partial<Record<ServerKind, number | null>> = {};
  const notes: string[] = [];

  for (const kind of ctx.servers) {
    await withServer(ctx, kind, async (server) => {
      ctx.log(`breakout ${kind}: ${rooms} rooms x ${perRoom} clients`);
      const level = await runLevel(ctx, server, rooms, perRoom, warmupMs, measureMs);
      base[kind] = level;
      ctx.log(`  ${describe(level)}`);
    });
    // The step-up runs on a fresh server, so the base run's rooms do not weigh on it.
    await withServer(ctx, kind, async (server) => {
      const done: LevelResult[] = [];
      const deadline = performance.now() + stepBudgetMs;
      let held: number | null = null;
      for (const r of stepRooms) {
        if (performance.now() > deadline) {
          notes.push(`${kind}: step-up stopped by its time budget before ${r} rooms.`);
          break;
        }
        const level = await runLevel(
          ctx,
          server,
          r,
          perRoom,
          Math.min(warmupMs, 3000),
          stepMeasureMs,
        );
        done.push(level);
        ctx.log(`  step ${kind} ${describe(level)}`);
        const ok =
          level.latency.p99 <= STEP_P99_LIMIT_MS &&
          level.synced >= level.clients * 0.99 &&
          level.closedDuringRun === 0;
        if (!ok) break;
        held = level.clients;
        if (r === stepRooms[stepRooms.length - 1]) {
          notes.push(
            `${kind}: held the largest step (${level.clients} clients); its maximum is higher.`,
          );
        }
      }
      steps[kind] = done;
      maxHeld[kind] = held;
      // Let the previous level's rooms unload before the next server starts.
      await sleep(500);
    });
  }

  const pick = (f: (l: LevelResult) => number) =>
    Object.fromEntries(ctx.servers.map((k) => [k, base[k] ? round(f(base[k])) : null]));
  notes.push(
    `${rooms} rooms x ${perRoom} clients, each editing its own card (a Y.Map field) ${EDIT_HZ}/s ` +
      `and sending presence ${PRESENCE_HZ}/s; latency from the edit to its arrival at each ` +
      `other client of the room, measured over ${measureMs / 1000} s after a ` +
      `${warmupMs / 1000} s warm-up. Step-up: ${perRoom} clients per room, rooms ` +
      `${stepRooms.join(', ')}, ${stepMeasureMs / 1000} s each; the maximum is the last level ` +
      `with p99 <= ${STEP_P99_LIMIT_MS} ms, all clients synced and none dropped.`,
    'The load generator shares the 2 cores with the server. "Whole machine CPU" (200% = both ' +
      'cores) above server + generator is other work on the machine during the window.',
  );
  return {
    scenario: 'breakout',
    title: `1. Breakout (${rooms} x ${perRoom})`,
    figures: [
      { name: 'edit latency p50', unit: 'ms', better: 'lower', values: pick((l) => l.latency.p50) },
      { name: 'edit latency p95', unit: 'ms', better: 'lower', values: pick((l) => l.latency.p95) },
      { name: 'edit latency p99', unit: 'ms', better: 'lower', values: pick((l) => l.latency.p99) },
      {
        name: 'server CPU',
        unit: '% of a core',
        better: 'lower',
        values: pick((l) => l.server.cpuPercent),
      },
      {
        name: 'server RSS (peak)',
        unit: 'MiB',
        better: 'lower',
        values: pick((l) => l.server.rssPeakMiB),
      },
      {
        name: 'generator CPU',
        unit: '% of a core',
        better: 'lower',
        values: pick((l) => l.generatorCpuPercent),
      },
      {
        name: 'whole machine CPU (others included)',
        unit: '% of a core',
        better: 'lower',
        values: pick((l) => l.machineCpuPercent),
      },
      { name: 'max clients at p99 <= 100 ms', unit: 'clients', better: 'higher', values: maxHeld },
    ],
    notes,
    detail: { base, steps },
  };
}

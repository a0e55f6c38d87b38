import type { ClientSpec } from '../lib/BenchClient';
import type { ServerKind } from '../lib/BenchServer';
import { ProcSampler } from '../lib/procStats';
import {
  round,
  sleep,
  withServer,
  type ScenarioContext,
  type ScenarioResult,
} from '../lib/scenario';
import { summarize } from '../lib/stats';

const WRITER_EDIT_HZ = 10;

/** Scenario 2: one writer (10 edits/s, presence 2/s), N silent observers in one room. */
export async function fanOutScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const sizes = ctx.quick ? [50] : [100, 500, 1000];
  const measureMs = ctx.quick ? 1500 : 8000;
  const detail: Record<string, unknown> = {};
  const figures: ScenarioResult['figures'] = [];
  const notes: string[] = [];
  const values = new Map<string, Partial<Record<ServerKind, number | null>>>();
  const put = (name: string, kind: ServerKind, value: number) => {
    const row = values.get(name) ?? {};
    row[kind] = round(value);
    values.set(name, row);
  };

  for (const kind of ctx.servers) {
    await withServer(ctx, kind, async (server) => {
      for (const n of sizes) {
        const [room] = await server.createRooms(1, `fan${n}-${ctx.clientNo()}`);
        if (!room) throw new Error('no room');
        const spec = (role: ClientSpec['role']): ClientSpec => ({
          no: ctx.clientNo(),
          url: server.syncUrl(room),
          room,
          framing: server.framing,
          token: server.token,
          role,
        });
        const specs = [spec('editor'), ...Array.from({ length: n }, () => spec('observer'))];
        const connected = await ctx.generator.connect(specs, { timeoutMs: 60_000 });
        // Observers send no presence; only the writer edits (observers have no card).
        await ctx.generator.load(WRITER_EDIT_HZ, 2);
        await sleep(ctx.quick ? 500 : 2000);
        await ctx.generator.reset();
        const sampler = new ProcSampler(server.pid);
        sampler.start();
        await sleep(measureMs);
        const window = sampler.stop();
        const collected = await ctx.generator.collect();
        await ctx.generator.stopLoad();
        await ctx.generator.closeClients();
        const latency = summarize(collected.latencies);
        const expected = Math.round((WRITER_EDIT_HZ * measureMs * n) / 1000);
        put(`N=${n}: edit latency p50`, kind, latency.p50);
        put(`N=${n}: edit latency p99`, kind, latency.p99);
        put(`N=${n}: server CPU`, kind, window.cpuPercent);
        detail[`${kind}/${n}`] = { synced: connected.synced, latency, server: window, expected };
        ctx.log(
          `fan-out ${kind} N=${n}: ${connected.synced}/${specs.length} synced, p50 ` +
            `${round(latency.p50)} p99 ${round(latency.p99)} ms, ${latency.count}/~${expected} ` +
            `deliveries, CPU ${round(window.cpuPercent)}%`,
        );
        if (connected.failed > 0)
          notes.push(`${kind} N=${n}: ${connected.failed} clients never synced.`);
        await sleep(300);
      }
    });
  }
  for (const [name, row] of values) {
    figures.push({
      name,
      unit: name.endsWith('CPU') ? '% of a core' : 'ms',
      better: 'lower',
      values: row,
    });
  }
  notes.push(
    `One writer editing ${WRITER_EDIT_HZ}/s with presence 2/s, N observers that only listen; ` +
      `latency from the edit to each observer, over ${measureMs / 1000} s. Our server runs with ` +
      'MAX_CONNECTIONS_PER_ROOM=5000 here (product default 1,000) so that 1 + 1,000 sockets fit.',
  );
  return {
    scenario: 'fanout',
    title: '2. Fan-out (one writer, N observers)',
    figures,
    notes,
    detail,
  };
}

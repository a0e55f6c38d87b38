import { loadavg } from 'node:os';
import type WebSocket from 'ws';
import { haproxyInstalled, HaproxyProcess } from '../../tests/helpers/haproxyProcess';
import type { ClientSpec } from '../lib/BenchClient';
import {
  benchSchema,
  scaledServicesMissing,
  startInstances,
  stopInstances,
} from '../lib/scaledInstances';
import { round, sleep, type ScenarioContext, type ScenarioResult } from '../lib/scenario';
import { seedRoom } from '../lib/seedRoom';
import { summarize, type LatencySummary } from '../lib/stats';

/** Longer than the direct join storm's 30 s: two instances and HAProxy share the 2 cores. */
const STORM_TIMEOUT_MS = 60_000;

/** How HAProxy spreads the storm: the shipped hash on the board path, or round robin. */
const BALANCES = [
  { label: 'hash on the board path (shipped)', balance: undefined },
  { label: 'round robin over both', balance: 'roundrobin' },
] as const;

/**
 * Join storm through the load balancer: N clients open one loaded board at the same instant
 * through HAProxy (deploy/haproxy.cfg with the ports filled in) in front of two scaled-mode
 * instances; time from the common start to the full board. Ours only.
 */
export async function balancedJoinScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const clients = ctx.quick ? 40 : 200;
  const cards = ctx.quick ? 200 : 2000;
  const result: ScenarioResult = {
    scenario: 'lbjoin',
    title: `Join storm through HAProxy (${clients} clients, ${cards} cards, 2 instances)`,
    figures: [],
    notes: [],
  };
  if (!ctx.servers.includes('ours')) {
    result.notes.push('Skipped: ours is not among the servers of this run (or did not start).');
    return result;
  }
  const missing = await scaledServicesMissing();
  if (missing || !(await haproxyInstalled())) {
    result.notes.push(missing ?? 'Skipped: HAProxy is not installed (apt-get install haproxy).');
    return result;
  }
  const schema = benchSchema('lbjoin');
  const servers = await startInstances(ctx, 2, schema);
  const summaries: Record<string, { synced: number; summary: LatencySummary }> = {};
  let holder: WebSocket | null = null;
  try {
    const [first] = servers;
    if (!first) throw new Error('no instance');
    for (const { label, balance } of BALANCES) {
      const [room] = await first.createRooms(1, `lbjoin-${ctx.clientNo()}`);
      if (!room) throw new Error('no room');
      holder = await seedRoom(first, room, cards);
      const haproxy = await HaproxyProcess.start(
        servers.map((server, i) => ({ name: `papan${i + 1}`, url: server.httpUrl })),
        balance ? { balance } : {},
      );
      try {
        const specs: ClientSpec[] = Array.from({ length: clients }, () => ({
          no: ctx.clientNo(),
          url: `${haproxy.syncUrl}/${room}`,
          room,
          framing: first.framing,
          token: first.token,
          role: 'observer',
        }));
        const startAt = performance.timeOrigin + performance.now() + 200;
        const storm = await ctx.generator.connect(specs, {
          startAt,
          batch: clients,
          timeoutMs: STORM_TIMEOUT_MS,
        });
        const summary = summarize(storm.syncMs);
        summaries[label] = { synced: storm.synced, summary };
        ctx.log(
          `lb join storm (${label}): ${storm.synced}/${clients} synced, p50 ${round(summary.p50)} ` +
            `p99 ${round(summary.p99)} max ${round(summary.max)} ms`,
        );
        if (storm.failed > 0) {
          const codes = (await ctx.generator.collect()).closeCodes;
          const counts = new Map<number, number>();
          for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
          result.notes.push(
            `${label}: close codes of the clients that did not sync: ` +
              ([...counts].map(([code, n]) => `${code} x${n}`).join(', ') || 'none (still open)'),
          );
          result.notes.push(
            `${label}: ${storm.failed} of ${clients} did not sync within ${STORM_TIMEOUT_MS / 1000} s.`,
          );
        }
        result.figures.push(
          {
            name: `${label}: time to synced p50`,
            unit: 'ms',
            better: 'lower',
            values: { ours: round(summary.p50) },
          },
          {
            name: `${label}: time to synced p99`,
            unit: 'ms',
            better: 'lower',
            values: { ours: storm.failed > 0 ? null : round(summary.p99) },
          },
        );
      } finally {
        await ctx.generator.closeClients().catch(() => undefined);
        await haproxy.stop();
        holder.close();
        holder = null;
      }
      await sleep(300);
    }
  } finally {
    holder?.close();
    await stopInstances(servers, schema);
  }
  result.notes.push(
    `${clients} clients opened in the same instant (2 worker threads) through HAProxy to a board ` +
      `of ${cards} cards kept loaded on instance 1; time from the common start to the arrival of ` +
      'sync step 2 (the full board). With the shipped hash every client of the board lands on one ' +
      'instance; round robin spreads them, and the second instance loads the board from ' +
      'PostgreSQL. Both instances, HAProxy, PostgreSQL, Redis and the load generator share one ' +
      '2-core machine: the machine, not the design, caps the figures.',
  );
  result.notes.push(
    `Load average when the scenario ended: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(', ')} (1, 5, 15 min; above 2 means other work competed for the 2 cores).`,
  );
  result.detail = summaries;
  return result;
}

import type WebSocket from 'ws';
import type { ClientSpec } from '../lib/BenchClient';
import type { ServerKind } from '../lib/BenchServer';
import { ProcSampler } from '../lib/procStats';
import { round, withServer, type ScenarioContext, type ScenarioResult } from '../lib/scenario';
import { seedRoom } from '../lib/seedRoom';
import { summarize } from '../lib/stats';

/** Scenario 3: 200 clients connect at the same instant to a loaded board of 2,000 cards. */
export async function joinStormScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const clients = ctx.quick ? 40 : 200;
  const cards = ctx.quick ? 200 : 2000;
  const p50: Partial<Record<ServerKind, number | null>> = {};
  const p99: Partial<Record<ServerKind, number | null>> = {};
  const max: Partial<Record<ServerKind, number | null>> = {};
  const cpu: Partial<Record<ServerKind, number | null>> = {};
  const notes: string[] = [];
  const detail: Record<string, unknown> = {};

  for (const kind of ctx.servers) {
    await withServer(ctx, kind, async (server) => {
      const [room] = await server.createRooms(1, `join-${ctx.clientNo()}`);
      if (!room) throw new Error('no room');
      let holder: WebSocket | null = null;
      try {
        holder = await seedRoom(server, room, cards);
        const specs: ClientSpec[] = Array.from({ length: clients }, () => ({
          no: ctx.clientNo(),
          url: server.syncUrl(room),
          room,
          framing: server.framing,
          token: server.token,
          role: 'observer',
        }));
        const sampler = new ProcSampler(server.pid);
        sampler.start();
        const startAt = performance.timeOrigin + performance.now() + 200;
        // batch = all: every socket is opened in the same tick of its worker.
        const result = await ctx.generator.connect(specs, {
          startAt,
          batch: clients,
          timeoutMs: 30_000,
        });
        const window = sampler.stop();
        const summary = summarize(result.syncMs);
        p50[kind] = round(summary.p50);
        p99[kind] = round(summary.p99);
        max[kind] = round(summary.max);
        cpu[kind] = round(window.cpuPercent);
        detail[kind] = { synced: result.synced, failed: result.failed, summary, server: window };
        ctx.log(
          `join storm ${kind}: ${result.synced}/${clients} synced, p50 ${round(summary.p50)} ` +
            `p99 ${round(summary.p99)} max ${round(summary.max)} ms`,
        );
        if (result.failed > 0) {
          notes.push(`${kind}: ${result.failed} of ${clients} clients did not sync within 30 s.`);
          p99[kind] = null;
        }
      } finally {
        holder?.close();
      }
    });
  }
  notes.push(
    `${clients} clients opened in the same instant (split over 2 worker threads) to a board of ` +
      `${cards} cards that one other client keeps loaded; time from the common start to the ` +
      "arrival of the server's sync step 2 (the full board).",
  );
  return {
    scenario: 'joinstorm',
    title: `3. Join storm (${clients} clients, ${cards} cards)`,
    figures: [
      { name: 'time to synced p50', unit: 'ms', better: 'lower', values: p50 },
      { name: 'time to synced p99', unit: 'ms', better: 'lower', values: p99 },
      { name: 'time to synced max', unit: 'ms', better: 'lower', values: max },
      { name: 'server CPU during the storm', unit: '% of a core', better: 'lower', values: cpu },
    ],
    notes,
    detail,
  };
}

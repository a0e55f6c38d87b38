import type WebSocket from 'ws';
import { metricValue, type ServerKind } from '../lib/BenchServer';
import { readRssBytes } from '../lib/procStats';
import {
  round,
  sleep,
  withServer,
  type ScenarioContext,
  type ScenarioResult,
} from '../lib/scenario';
import { seedRoom } from '../lib/seedRoom';

const MIB = 2 ** 20;

/** Scenario 6: RSS per loaded board, and (ours) how long an idle board stays loaded. */
export async function memoryScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const plans = ctx.quick
    ? [{ cards: 200, boards: 2 }]
    : [
        { cards: 500, boards: 8 },
        { cards: 2000, boards: 4 },
      ];
  // Quick mode shortens our idle grace so it finishes in time; the full run uses the default.
  const idleEnv: Record<string, string> = ctx.quick ? { ROOM_IDLE_MS: '1000' } : {};
  const figures: ScenarioResult['figures'] = [];
  const notes: string[] = [];
  const detail: Record<string, unknown> = {};
  const unload: Partial<Record<ServerKind, number | null>> = {};

  for (const plan of plans) {
    const perBoard: Partial<Record<ServerKind, number | null>> = {};
    for (const kind of ctx.servers) {
      await withServer(
        ctx,
        kind,
        async (server) => {
          const rooms = await server.createRooms(plan.boards, `mem${plan.cards}-${ctx.clientNo()}`);
          await sleep(500);
          const before = readRssBytes(server.pid);
          const holders: WebSocket[] = [];
          try {
            for (const room of rooms) holders.push(await seedRoom(server, room, plan.cards));
            await sleep(1000);
            const after = readRssBytes(server.pid);
            perBoard[kind] = round((after - before) / plan.boards / MIB);
            detail[`${kind}/${plan.cards}`] = { before, after, boards: plan.boards };
            ctx.log(
              `memory ${kind} ${plan.boards} x ${plan.cards} cards: ` +
                `${round(before / MIB)} -> ${round(after / MIB)} MiB`,
            );
          } finally {
            for (const holder of holders) holder.close();
          }
          const isLast = plan === plans[plans.length - 1];
          if (kind === 'ours' && isLast) {
            const closedAt = performance.now();
            let seconds: number | null = null;
            while (performance.now() - closedAt < 90_000) {
              const rooms = metricValue(await server.metrics(), 'papan_rooms');
              if (rooms === 0) {
                seconds = (performance.now() - closedAt) / 1000;
                break;
              }
              await sleep(200);
            }
            unload[kind] = seconds === null ? null : round(seconds);
            ctx.log(`memory ours: idle boards unloaded after ${seconds ?? '> 90'} s`);
          }
        },
        kind === 'ours' ? { env: idleEnv } : undefined,
      );
    }
    figures.push({
      name: `RSS per loaded board of ${plan.cards} cards`,
      unit: 'MiB',
      better: 'lower',
      values: perBoard,
    });
  }
  figures.push({ name: 'idle board unloaded after', unit: 's', better: 'lower', values: unload });
  notes.push(
    'RSS per board = (RSS with the boards loaded - RSS before) / boards; each board is written ' +
      'by one client (100 cards per update) that stays connected, so it stays loaded. RSS ' +
      'includes V8 heap slack, so these are estimates.',
    `Unload: the last client leaves, then /metrics is polled until papan_rooms reads 0 ` +
      `(ROOM_IDLE_MS ${ctx.quick ? '1000 in quick mode' : 'default 10,000'}). The reference drops a ` +
      'document when its last client leaves and Hocuspocus unloads it after storing it; neither ' +
      'shows a rooms gauge, so n/a.',
  );
  return { scenario: 'memory', title: '6. Memory', figures, notes, detail };
}

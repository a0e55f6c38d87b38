/**
 * `npx tsx bench/client/boardProfile.ts [--runs 3] [--cards 300] [--js]`: the board part of the
 * client scenario judged by main-thread work, not wall time, for A/B comparisons of client
 * builds on a shared machine. Starts our server from this checkout (its `client/dist`, built
 * first if stale), seeds a 300-card board and, per run, opens it on a fresh 4x-CPU tablet inside
 * a Chromium trace, then drags a card as the client scenario does. Prints one JSON line per run:
 *
 * - `usableMs`: wall time to usable (as the scenario);
 * - `loadTaskMs` / `loadCpuMs`: the renderer main thread's top-level tasks until usable, by wall
 *   duration (throttled, so about 4x real) and by thread CPU time (`tdur`: what other processes
 *   on the machine do not inflate);
 * - `dragP95Ms`: frame time p95 during the drag; `dragTaskMs` / `dragCpuMs`: main-thread work
 *   during the drag.
 *
 * With `--js`, the V8 sampling profiler runs too and the functions with the most self time
 * (load and drag) are printed to stderr. For A/B, copy the old checkout (with its own built
 * `client/dist` and a `node_modules` symlink) elsewhere and alternate the two scripts' runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tests/e2e/support/browser';
import { ensureClientBuilt } from '../../tests/e2e/support/clientBuild';
import { TouchScreen } from '../../tests/e2e/support/touch';
import { BenchServer, ChildRegistry, REPO_ROOT } from '../lib/BenchServer';
import { percentile } from '../lib/stats';
import { DRAG_END_MARK, DRAG_START_MARK, frameTimesFromTrace } from './frameTimes';
import { createHallBoard, joinToken, seedHallBoard } from './hallBoard';
import { boardUsable, HALL, newTablet } from './tabletVisit';

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      message?: string;
      cpuProfile?: {
        nodes?: { id: number; callFrame: { functionName: string; url?: string } }[];
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

const USABLE_MARK = 'papan-board-usable';
/** The scheduler's top-level task events (the name changed across Chromium versions). */
const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'v8',
];
const JS_CATEGORIES = ['disabled-by-default-v8.cpu_profiler'];

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function eventsOf(json: string): TraceEvent[] {
  const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** The thread that wrote `mark` (the page's main thread) and the mark's time. */
function markOf(events: TraceEvent[], mark: string): TraceEvent {
  const found = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === mark);
  if (!found) throw new Error(`the trace has no mark ${mark}`);
  return found;
}

/** Wall and thread-CPU ms of the main thread's top-level tasks between two times. */
function mainThreadWork(
  events: TraceEvent[],
  thread: TraceEvent,
  from: number,
  to: number,
): { taskMs: number; cpuMs: number } {
  let task = 0;
  let cpu = 0;
  let endOfLast = -Infinity;
  const tasks = events
    .filter(
      (e) =>
        e.pid === thread.pid &&
        e.tid === thread.tid &&
        e.ph === 'X' &&
        TASK_NAMES.has(e.name) &&
        e.ts >= from &&
        e.ts <= to,
    )
    .sort((a, b) => a.ts - b.ts);
  for (const e of tasks) {
    // Nested run loops put tasks inside tasks: count the outermost only.
    if (e.ts < endOfLast) continue;
    endOfLast = e.ts + (e.dur ?? 0);
    task += e.dur ?? 0;
    cpu += e.tdur ?? 0;
  }
  return { taskMs: task / 1000, cpuMs: cpu / 1000 };
}

/** Self time per JS function of the main thread's sampling profile, largest first. */
function jsSelfTime(events: TraceEvent[], thread: TraceEvent, top = 25): string[] {
  const nodes = new Map<number, string>();
  const self = new Map<number, number>();
  const profileIds = new Set(
    events
      .filter((e) => e.name === 'Profile' && e.pid === thread.pid && e.tid === thread.tid)
      .map((e) => e.id),
  );
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== thread.pid || !profileIds.has(e.id)) continue;
    const data = e.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) {
      const url = (node.callFrame.url ?? '').replace(/^.*\/(assets|src)\//, '');
      nodes.set(node.id, `${node.callFrame.functionName || '(anonymous)'} ${url}`);
    }
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i + 1] ?? 0)));
  }
  const byName = new Map<string, number>();
  for (const [id, us] of self) {
    const name = nodes.get(id) ?? String(id);
    byName.set(name, (byName.get(name) ?? 0) + us);
  }
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
}

async function dragInTrace(
  browser: Browser,
  page: Page,
  moves: number,
  categories: string[],
): Promise<TraceEvent[] & { json?: string }> {
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="card-form"]', { state: 'detached' });
  const boxes = await page.$$eval('[data-testid="issue-card"]', (els) =>
    els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width })),
  );
  const card = boxes.find((b) => b.x > 320 && b.x < 700 && b.y > 120 && b.y < 500);
  if (!card) throw new Error('no card in the middle of the screen to drag');
  const from = { x: card.x + 24, y: card.y + 10 };
  const to = { x: from.x + 360, y: from.y + 180 };
  const touch = await TouchScreen.on(page);
  await browser.startTracing(page, { categories });
  await page.evaluate((m) => console.timeStamp(m), DRAG_START_MARK);
  await touch.drag(from, to, { steps: moves, stepMs: 16, restMs: 0 });
  await page.evaluate((m) => console.timeStamp(m), DRAG_END_MARK);
  const json = (await browser.stopTracing()).toString('utf8');
  await touch.detach();
  const events = eventsOf(json) as TraceEvent[] & { json?: string };
  events.json = json;
  return events;
}

async function main(): Promise<void> {
  const runs = Number(argValue('--runs', '3'));
  const cards = Number(argValue('--cards', '300'));
  const moves = Number(argValue('--moves', '90'));
  const js = process.argv.includes('--js');
  const label = argValue('--label', path.basename(REPO_ROOT));
  const categories = js ? [...CATEGORIES, ...JS_CATEGORIES] : CATEGORIES;
  ensureClientBuilt();
  const children = new ChildRegistry();
  const server = await BenchServer.start('ours', children);
  const browser = await launchChromium();
  try {
    const hall = await createHallBoard(server, 'profile');
    await seedHallBoard(server, hall.boardId, cards, 10);
    const token = await joinToken(server.httpUrl, hall.joinCode);
    const url = `${server.httpUrl}/b/${hall.boardId}?token=${encodeURIComponent(token)}`;
    for (let run = 0; run < runs; run++) {
      const tablet = await newTablet(browser, HALL);
      try {
        const { page } = tablet;
        await browser.startTracing(page, { categories });
        const started = performance.now();
        await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
        await boardUsable(cards + 10)(page);
        const usableMs = performance.now() - started;
        await page.evaluate((m) => console.timeStamp(m), USABLE_MARK);
        const loadJson = (await browser.stopTracing()).toString('utf8');
        if (process.env.PROFILE_DUMP) writeFileSync(process.env.PROFILE_DUMP, loadJson);
        const load = eventsOf(loadJson);
        const usable = markOf(load, USABLE_MARK);
        const firstTs = Math.min(
          ...load.filter((e) => e.pid === usable.pid && e.ts > 0).map((e) => e.ts),
        );
        const loadWork = mainThreadWork(load, usable, firstTs, usable.ts);
        const drag = await dragInTrace(browser, page, moves, categories);
        const start = markOf(drag, DRAG_START_MARK);
        const end = markOf(drag, DRAG_END_MARK);
        const frames = frameTimesFromTrace(drag.json ?? '').sort((a, b) => a - b);
        const dragWork = mainThreadWork(drag, start, start.ts, end.ts);
        const result = {
          label,
          run,
          usableMs: Math.round(usableMs),
          loadTaskMs: Math.round(loadWork.taskMs),
          loadCpuMs: Math.round(loadWork.cpuMs),
          dragP95Ms: Math.round(percentile(frames, 95) * 10) / 10,
          dragP50Ms: Math.round(percentile(frames, 50) * 10) / 10,
          frames: frames.length,
          dragTaskMs: Math.round(dragWork.taskMs),
          dragCpuMs: Math.round(dragWork.cpuMs),
        };
        console.log(JSON.stringify(result));
        if (js) {
          const dir = path.join(REPO_ROOT, 'bench', 'out');
          mkdirSync(dir, { recursive: true });
          writeFileSync(path.join(dir, `board-load-${run}.json`), loadJson);
          writeFileSync(path.join(dir, `board-drag-${run}.json`), drag.json ?? '');
          console.error(`--- ${label} run ${run}: load, JS self time`);
          console.error(jsSelfTime(load, usable).join('\n'));
          console.error(`--- ${label} run ${run}: drag, JS self time`);
          console.error(jsSelfTime(drag, start).join('\n'));
        }
      } finally {
        await tablet.context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    children.killAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

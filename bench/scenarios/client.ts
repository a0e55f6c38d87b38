import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tests/e2e/support/browser';
import { ensureClientBuilt } from '../../tests/e2e/support/clientBuild';
import { TouchScreen } from '../../tests/e2e/support/touch';
import { startCompressingProxy } from '../client/compressingProxy';
import {
  DRAG_END_MARK,
  DRAG_START_MARK,
  FRAME_TRACE_CATEGORIES,
  frameTimesFromTrace,
} from '../client/frameTimes';
import { createHallBoard, joinToken, seedHallBoard } from '../client/hallBoard';
import {
  boardUsable,
  HALL,
  joinPageUsable,
  newTablet,
  timeToUsable,
  type HallConditions,
  type PageBytes,
} from '../client/tabletVisit';
import { REPO_ROOT, type BenchServer } from '../lib/BenchServer';
import {
  round,
  withServer,
  type Figure,
  type ScenarioContext,
  type ScenarioResult,
} from '../lib/scenario';
import { percentile } from '../lib/stats';

const STORM_TABLETS = 160;
const STORM_LINK_MBPS = 20;
const CLUSTERS = 10;

interface Visit {
  ms: number;
  bytes: PageBytes;
}

/** What the service worker precaches (every built asset, a board's tldraw assets). */
function precacheList(): string[] {
  const sw = readFileSync(path.join(REPO_ROOT, 'client', 'dist', 'sw.js'), 'utf8');
  return JSON.parse(/const PRECACHE = (\[.*?\]);/.exec(sw)?.[1] ?? '[]') as string[];
}

const kB = (bytes: number) => round(bytes / 1024);
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Does the server already send our assets compressed? (Then no stand-in proxy is needed.) */
async function serverCompresses(server: BenchServer): Promise<boolean> {
  const html = await (await fetch(`${server.httpUrl}/`)).text();
  const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
  if (!script) throw new Error('the server sends no built client (client/dist)');
  const response = await fetch(`${server.httpUrl}${script}`, {
    headers: { 'Accept-Encoding': 'br, gzip' },
  });
  await response.arrayBuffer();
  // fetch decodes transparently; the header still says what was sent.
  return /br|gzip/.test(response.headers.get('content-encoding') ?? '');
}

async function visit(
  browser: Browser,
  url: string,
  usable: (page: Page) => Promise<void>,
  conditions: HallConditions = HALL,
  keep?: (page: Page) => Promise<void>,
): Promise<Visit> {
  const tablet = await newTablet(browser, conditions);
  try {
    const result = await timeToUsable(tablet.page, tablet.bytes, url, usable);
    if (keep) await keep(tablet.page);
    return result;
  } finally {
    await tablet.context.close();
  }
}

/** Drags one card across the board with a finger, inside a performance trace; frame times. */
async function dragFrameTimes(browser: Browser, page: Page, moves: number): Promise<number[]> {
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
  await browser.startTracing(page, { categories: FRAME_TRACE_CATEGORIES });
  await page.evaluate((m) => console.timeStamp(m), DRAG_START_MARK);
  await touch.drag(from, to, { steps: moves, stepMs: 16, restMs: 0 });
  await page.evaluate((m) => console.timeStamp(m), DRAG_END_MARK);
  const trace = await browser.stopTracing();
  await touch.detach();
  return frameTimesFromTrace(trace.toString('utf8'));
}

/**
 * Client scenario: Chromium as a cheap tablet on the hall WiFi (CPU 4x slower, 10 Mbit/s,
 * 30 ms), first visit with an empty cache. Join page and board (300 cards, 10 clusters): bytes
 * and time until usable; a join storm of 160 tablets on one 20 Mbit/s link; dragging a card.
 */
export async function clientScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const title = '8. Client on the hall WiFi';
  if (!ctx.servers.includes('ours')) {
    return { scenario: 'client', title, figures: [], notes: ['ours not run'] };
  }
  const cards = ctx.quick ? 60 : 300;
  const runs = ctx.quick ? 1 : 3;
  const stormSample = ctx.quick ? 2 : 6;
  const dragMoves = ctx.quick ? 20 : 90;
  ensureClientBuilt();
  return withServer(ctx, 'ours', async (server) => {
    const hall = await createHallBoard(server, `c${ctx.clientNo()}`);
    await seedHallBoard(server, hall.boardId, cards, CLUSTERS);
    const compresses = await serverCompresses(server);
    const proxy = compresses ? null : await startCompressingProxy(server.httpUrl);
    const base = proxy?.url ?? server.httpUrl;
    await proxy?.warm(['/', ...precacheList()]);
    const browser = await launchChromium();
    const notes: string[] = [];
    try {
      const token = await joinToken(base, hall.joinCode);
      const joinUrl = (origin: string) => `${origin}/j/${hall.joinCode}`;
      const boardUrl = (origin: string) =>
        `${origin}/b/${hall.boardId}?token=${encodeURIComponent(token)}`;
      const shapes = cards + CLUSTERS;

      const joins: Visit[] = [];
      for (let i = 0; i < runs; i++)
        joins.push(await visit(browser, joinUrl(base), joinPageUsable));
      ctx.log(`client: join page ${joins.map((v) => Math.round(v.ms)).join(', ')} ms`);
      const boards: Visit[] = [];
      let frames: number[] = [];
      for (let i = 0; i < runs; i++) {
        const last = i === runs - 1;
        boards.push(
          await visit(
            browser,
            boardUrl(base),
            boardUsable(shapes),
            HALL,
            last
              ? async (page) => {
                  frames = await dragFrameTimes(browser, page, dragMoves);
                }
              : undefined,
          ),
        );
      }
      ctx.log(`client: board ${boards.map((v) => Math.round(v.ms)).join(', ')} ms`);
      const sortedFrames = [...frames].sort((a, b) => a - b);

      // As the server sends them today, when it does not compress yet: one visit each (full run).
      const rawJoin =
        proxy && !ctx.quick ? await visit(browser, joinUrl(server.httpUrl), joinPageUsable) : null;
      const rawBoard =
        proxy && !ctx.quick
          ? await visit(browser, boardUrl(server.httpUrl), boardUsable(shapes))
          : null;

      // Storm: 160 tablets start together on one 20 Mbit/s link. Sharing it fairly, each gets
      // 20/160 Mbit/s for as long as all are loading (they are alike, so they finish together);
      // a sample of tablets is loaded at once, each throttled to that share.
      const share: HallConditions = {
        ...HALL,
        downMbps: STORM_LINK_MBPS / STORM_TABLETS,
        upMbps: STORM_LINK_MBPS / STORM_TABLETS,
      };
      const storm = await Promise.all(
        Array.from({ length: stormSample }, () =>
          visit(browser, joinUrl(base), joinPageUsable, share),
        ),
      );
      const stormMs = Math.max(...storm.map((v) => v.ms));
      ctx.log(`client: storm sample ${storm.map((v) => Math.round(v.ms)).join(', ')} ms`);

      const joinBytes = median(joins.map((v) => v.bytes.transferred));
      const boardBytes = median(boards.map((v) => v.bytes.transferred));
      const linkSeconds = (bytes: number) => (STORM_TABLETS * bytes * 8) / (STORM_LINK_MBPS * 1e6);
      const figures: Figure[] = [
        {
          name: 'join page transferred',
          unit: 'kB',
          better: 'lower',
          values: { ours: kB(joinBytes) },
        },
        {
          name: 'join page decoded',
          unit: 'kB',
          better: 'lower',
          values: { ours: kB(median(joins.map((v) => v.bytes.decoded))) },
        },
        {
          name: 'join page time to usable',
          unit: 'ms',
          better: 'lower',
          values: { ours: round(median(joins.map((v) => v.ms))) },
        },
        {
          name: 'board page transferred',
          unit: 'kB',
          better: 'lower',
          values: { ours: kB(boardBytes) },
        },
        {
          name: 'board page decoded',
          unit: 'kB',
          better: 'lower',
          values: { ours: kB(median(boards.map((v) => v.bytes.decoded))) },
        },
        {
          name: `board of ${cards} cards time to usable`,
          unit: 'ms',
          better: 'lower',
          values: { ours: round(median(boards.map((v) => v.ms))) },
        },
        {
          name: `join storm: ${STORM_TABLETS} tablets usable`,
          unit: 'ms',
          better: 'lower',
          values: { ours: round(stormMs) },
        },
        {
          name: `join storm: link busy, join + board for ${STORM_TABLETS}`,
          unit: 's',
          better: 'lower',
          values: { ours: round(linkSeconds(joinBytes + boardBytes)) },
        },
        {
          name: 'card drag frame time p95',
          unit: 'ms',
          better: 'lower',
          values: { ours: round(percentile(sortedFrames, 95)) },
        },
      ];
      if (rawJoin && rawBoard) {
        figures.push(
          {
            name: 'join page transferred, as served now (uncompressed)',
            unit: 'kB',
            better: 'lower',
            values: { ours: kB(rawJoin.bytes.transferred) },
          },
          {
            name: 'join page time to usable, as served now',
            unit: 'ms',
            better: 'lower',
            values: { ours: round(rawJoin.ms) },
          },
          {
            name: 'board page transferred, as served now (uncompressed)',
            unit: 'kB',
            better: 'lower',
            values: { ours: kB(rawBoard.bytes.transferred) },
          },
          {
            name: 'board time to usable, as served now',
            unit: 'ms',
            better: 'lower',
            values: { ours: round(rawBoard.ms) },
          },
        );
      }
      notes.push(
        `Headless Chromium (${browser.version()}) as a tablet: 1280x800, touch, CPU slowed ` +
          `${HALL.cpuSlowdown}x (Emulation.setCPUThrottlingRate), network ${HALL.downMbps} Mbit/s ` +
          `both ways with ${HALL.latencyMs} ms latency (Network.emulateNetworkConditions); a new ` +
          `browser context per visit (first visit, empty cache). Median of ${runs}.`,
        'Usable: the join page when its form is drawn; the board when every card and frame is on ' +
          'the canvas and "+ Kartu" answers a tap with its form. Bytes: what the page itself ' +
          'received until then, headers and websocket frames included (not the service ' +
          'worker precaching the board after the join page).',
        proxy
          ? 'The server does not compress yet: pages were measured through a stand-in proxy ' +
              '(bench/client/compressingProxy.ts) that sends compressible answers brotli-encoded, ' +
              'as the precompressed serving will; "as served now" is one visit straight to the server.'
          : 'The server sends compressed assets itself: measured straight against it.',
        `Join storm: ${STORM_TABLETS} first visits at once on one ${STORM_LINK_MBPS} Mbit/s link, ` +
          `modelled by fair sharing: each tablet gets ${STORM_LINK_MBPS}/${STORM_TABLETS} Mbit/s ` +
          `(${round((STORM_LINK_MBPS / STORM_TABLETS) * 1000)} kbit/s, ${HALL.latencyMs} ms, CPU ` +
          `${HALL.cpuSlowdown}x) while all load; ${stormSample} such tablets load the join page ` +
          "at once in this browser (sharing this machine's CPU, so slower than 160 real tablets) " +
          'and the slowest counts. "Link busy" is the time the link needs to carry the join page ' +
          'and the board to all of them.',
        `Drag: a finger (Input.dispatchTouchEvent) moves a card ${dragMoves} times, 16 ms apart, ` +
          'on the board above in a Chromium performance trace; frame time is the interval ' +
          'between main-thread frames (BeginMainThreadFrame) during the drag ' +
          `(${frames.length} frames).`,
      );
      return {
        scenario: 'client',
        title,
        figures,
        notes,
        detail: { cards, joins, boards, rawJoin, rawBoard, storm, frames, compresses },
      };
    } finally {
      await browser.close();
      await proxy?.close();
    }
  });
}

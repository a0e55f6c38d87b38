import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitFor } from '../helpers/waitFor';
import { launchChromium, newContext } from './support/browser';
import { ensureClientBuilt, RESULTS_DIR } from './support/clientBuild';
import { startE2EPapan, type E2EPapan } from './support/papanServer';

const DIST = path.resolve(import.meta.dirname, '../../client/dist');
const BOARD = 'e2e-juai';
/** The budget for the join page on the hall WiFi, as the server will send it (brotli). */
const JOIN_PAGE_BUDGET_BYTES = 150 * 1024;

let server: E2EPapan;
let browser: Browser;

/** What the server sends for a built file once it serves the precompressed copies. */
function brotliSize(pathname: string): number {
  const file = path.join(DIST, pathname);
  const br = `${file}.br`;
  return fs.existsSync(br) ? fs.statSync(br).size : fs.statSync(file).size;
}

/** The service worker's precache list, as the build wrote it into dist/sw.js. */
function precacheList(): string[] {
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const match = /const PRECACHE = (\[.*?\]);/.exec(sw);
  if (!match?.[1]) throw new Error('dist/sw.js has no precache list');
  return JSON.parse(match[1]) as string[];
}

beforeAll(async () => {
  ensureClientBuilt();
  server = await startE2EPapan();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function joinCode(): Promise<string> {
  const code = (await server.t.papan.app.events.getBoard(BOARD))?.joinCode;
  if (!code) throw new Error(`no join code for ${BOARD}`);
  return code;
}

describe('light pages for the hall WiFi', () => {
  test('the join page loads none of the board’s code and stays within 150 kB', async () => {
    const { context } = await newContext(browser, { tablet: true });
    // What the page asks for, not what the service worker precaches once the page has loaded.
    const requests: string[] = [];
    context.on('request', (r) => {
      if (!r.serviceWorker()) requests.push(r.url());
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/j/${await joinCode()}`);
    await page.waitForSelector('[data-testid="join-name"]');
    // What the page itself fetched before it could be used (not the precache that follows).
    const assets = requests
      .map((u) => new URL(u).pathname)
      .filter((p) => p.startsWith('/assets/') || p === '/icon.svg');
    expect(assets.some((p) => p.includes('JoinPage'))).toBe(true);
    expect(assets.filter((p) => /BoardPage|BoardCanvas|tldraw/.test(p))).toEqual([]);
    const bytes = [...new Set(assets)].reduce((sum, p) => sum + brotliSize(p), 0);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'join-page-light.png') });
    expect(bytes).toBeLessThan(JOIN_PAGE_BUDGET_BYTES);
    await context.close();
  });

  test('a board’s page asks for the canvas code from its HTML and connects while it arrives', async () => {
    const { context } = await newContext(browser, { tablet: true, name: 'Rina' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Who asked for each built file: the HTML's preload links ("parser") or a script.
    const initiators = new Map<string, string>();
    cdp.on('Network.requestWillBeSent', (e) => {
      const pathname = new URL(e.request.url).pathname;
      if (pathname.startsWith('/assets/')) initiators.set(pathname, e.initiator.type);
    });
    // The canvas chunk (tldraw) is held back: on the hall WiFi it is the last to arrive.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let canvasAsked = false;
    await page.route(/\/assets\/BoardCanvas-[^/]*\.js$/, async (route) => {
      canvasAsked = true;
      await held;
      await route.continue();
    });
    const socket = page.waitForEvent('websocket', (ws) => ws.url().includes('/sync'));
    await page.goto(await server.boardUrl(BOARD, 'Rina'), { waitUntil: 'commit' });
    // The board's connection opens while tldraw has not even arrived.
    const ws = await socket;
    expect(ws.url()).toContain('/sync');
    expect(canvasAsked).toBe(true);
    expect(await page.$('[data-testid="board-canvas"]')).toBeNull();
    release();
    await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]');
    const canvas = [...initiators].find(([p]) => /\/assets\/BoardCanvas-.*\.js$/.test(p));
    const boardPage = [...initiators].find(([p]) => /\/assets\/BoardPage-.*\.js$/.test(p));
    expect(canvas?.[1]).toBe('parser');
    expect(boardPage?.[1]).toBe('parser');
    await context.close();
  });

  test('when the canvas code cannot be fetched, the board says so in Bahasa Indonesia and offers a reload', async () => {
    const { context } = await newContext(browser, { tablet: true, name: 'Rina' });
    const page = await context.newPage();
    // The hall WiFi drops while tldraw is on its way (and nothing is cached yet).
    await page.route(/\/assets\/BoardCanvas-[^/]*\.js$/, (route) => route.abort('failed'));
    await page.goto(await server.boardUrl(BOARD, 'Rina'));
    const failed = page.locator('[data-testid="page-failed"]');
    await failed.waitFor();
    expect(await failed.getAttribute('role')).toBe('alert');
    expect(await failed.innerText()).toContain('Halaman gagal dibuka');
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'board-code-failed-1280x800.png') });
    await page.setViewportSize({ width: 412, height: 915 });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'board-code-failed-412x915.png') });
    // Back on the WiFi, "Muat ulang" brings the board.
    await page.unroute(/\/assets\/BoardCanvas-[^/]*\.js$/);
    await page.getByRole('button', { name: 'Muat ulang' }).tap();
    await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]');
    await context.close();
  });

  test('once the join page has loaded, the board opens from the tablet with the server down', async () => {
    const { context } = await newContext(browser, { tablet: true, name: 'Rina' });
    const page = await context.newPage();
    await page.goto(`${server.url}/j/${await joinCode()}`);
    await page.waitForSelector('[data-testid="join-name"]');
    const wanted = precacheList();
    expect(wanted.some((u) => /\/assets\/BoardPage-.*\.js$/.test(u))).toBe(true);
    // The worker precaches at install, after the page's load event: wait until it holds it all.
    await waitFor(
      () =>
        page.evaluate(async (urls) => {
          const cache = await caches.open('papan-shell-v1');
          const hits = await Promise.all(urls.map((u) => cache.match(u)));
          return hits.every(Boolean) && navigator.serviceWorker.controller !== null;
        }, wanted),
      { timeoutMs: 60_000, intervalMs: 500, what: 'the board precached by the service worker' },
    );
    const boardUrl = await server.boardUrl(BOARD, 'Rina');
    await server.close({ keepData: true });
    await page.goto(boardUrl);
    await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
      timeout: 60_000,
    });
    // The board's code and styles came from the tablet: the toolbar is drawn and styled.
    await page.waitForSelector('[data-testid="add-card"]');
    expect(await page.$$eval('link[rel="stylesheet"]', (ls) => ls.length)).toBeGreaterThan(1);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'board-from-precache-server-down.png') });
    await context.close();
  });
});

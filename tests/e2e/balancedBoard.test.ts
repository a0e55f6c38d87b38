import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  balancedClusterAvailable,
  startBalancedCluster,
  type BalancedCluster,
} from '../helpers/balancedCluster';
import { PIN_COOKIE } from '../helpers/haproxyProcess';
import { CLUSTER_ADMIN_TOKEN, cardTexts, docFromPostgres } from '../helpers/scaledCluster';
import { waitFor } from '../helpers/waitFor';
import { addCardWithForm, waitForCard } from './support/boardActions';
import { launchChromium, newContext, type RecordedContext } from './support/browser';
import { ensureClientBuilt } from './support/clientBuild';
import { screenshot } from './pages/pagesHarness';

/**
 * The key board flows in Chromium against two scaled-mode instances behind HAProxy (configured
 * from deploy/haproxy.cfg): every request goes to the load balancer's address, and the tablet
 * and the laptop are pinned to different instances, so everything one sees of the other crossed
 * PostgreSQL and Redis.
 */
const available = await balancedClusterAvailable();
const BOARD = 'demo-paringin';

let cluster: BalancedCluster;
let browser: Browser;
let tablet: RecordedContext;
let laptop: RecordedContext;
let staff: RecordedContext;
let tabletPage: Page;
let laptopPage: Page;
let consolePage: Page;

interface Health {
  instance?: string;
  connections: number;
}

async function pinned(context: RecordedContext, server: string): Promise<RecordedContext> {
  await context.context.addCookies([{ name: PIN_COOKIE, value: server, url: cluster.haproxy.url }]);
  return context;
}

/** Which instance answers this page's requests (its /healthz, asked through HAProxy). */
function instanceOf(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const response = await fetch('/healthz');
    return ((await response.json()) as { instance?: string }).instance;
  });
}

async function healthOf(url: string): Promise<Health> {
  return (await (await fetch(`${url}/healthz`)).json()) as Health;
}

/** Joins BOARD with its code the way a participant does, through the load balancer. */
async function join(context: RecordedContext, name: string, touch: boolean): Promise<Page> {
  const response = await fetch(`${cluster.haproxy.url}/api/events/demo`, {
    headers: { authorization: `Bearer ${CLUSTER_ADMIN_TOKEN}` },
  });
  const { boards } = (await response.json()) as { boards: { id: string; joinCode: string }[] };
  const code = boards.find((board) => board.id === BOARD)?.joinCode;
  if (!code) throw new Error(`no join code for ${BOARD}`);
  const page = await context.context.newPage();
  const press = (selector: string) => (touch ? page.tap(selector) : page.click(selector));
  await page.goto(`${cluster.haproxy.url}/j/${code}`);
  await page.fill('[data-testid="join-name"]', name);
  await press('[data-testid="join-submit"]');
  await page.waitForSelector('[data-testid="join-desa-step"]');
  const desa = await page.$eval(
    '[data-testid="join-desa"] option:nth-child(2)',
    (o) => (o as HTMLOptionElement).value,
  );
  await page.selectOption('[data-testid="join-desa"]', desa);
  await press('[data-testid="join-enter"]');
  await page.waitForURL(new RegExp(`/b/${BOARD}$`));
  await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
    timeout: 30_000,
  });
  return page;
}

beforeAll(async () => {
  if (!available) return;
  ensureClientBuilt();
  cluster = await startBalancedCluster(2);
  browser = await launchChromium();
  tablet = await pinned(await newContext(browser, { tablet: true }), cluster.serverName(0));
  laptop = await pinned(await newContext(browser, { tablet: false }), cluster.serverName(1));
  staff = await newContext(browser, { tablet: false });
});

afterAll(async () => {
  await browser?.close();
  await cluster?.close();
});

describe.runIf(available)('a board through HAProxy, tablet and laptop on two instances', () => {
  test('both join with the board code and see each other, each served by its own instance', async () => {
    // A retry starts over: the sockets of a failed try would be counted below.
    await tabletPage?.close();
    await laptopPage?.close();
    tabletPage = await join(tablet, 'Siti (Paringin)', true);
    laptopPage = await join(laptop, 'Fasilitator Budi', false);
    expect(await instanceOf(tabletPage)).toBe('i1');
    expect(await instanceOf(laptopPage)).toBe('i2');
    // The board sockets too: one on each instance, asked directly rather than through HAProxy.
    const [first, second] = cluster.instances;
    if (!first || !second) throw new Error('two instances expected');
    expect((await healthOf(first.url)).connections).toBe(1);
    expect((await healthOf(second.url)).connections).toBe(1);
    await tabletPage.waitForFunction(
      () => document.querySelector('[data-testid="people"]')?.textContent?.includes('2 orang'),
      undefined,
      { timeout: 15_000 },
    );
    // Nothing the pages asked for went around the load balancer.
    const network = [...tablet.requests, ...laptop.requests].filter((url) =>
      /^(http|ws)s?:/.test(url),
    );
    expect(network.length).toBeGreaterThan(0);
    expect(network.filter((url) => new URL(url).port !== String(cluster.haproxy.port))).toEqual([]);
  });

  test('a card written on the tablet appears on the laptop, and one from the laptop on the tablet', async () => {
    await addCardWithForm(
      tabletPage,
      { text: 'Jembatan desa lewat dua server', bidang: 'infrastruktur' },
      { touch: true },
    );
    expect(await waitForCard(laptopPage, 'Jembatan desa lewat dua server')).toMatchObject({
      bidang: 'infrastruktur',
    });
    await addCardWithForm(laptopPage, { text: 'Harga karet turun', bidang: 'ekonomi' });
    expect(await waitForCard(tabletPage, 'Harga karet turun')).toMatchObject({
      bidang: 'ekonomi',
    });
    // Both cards are stored once, in PostgreSQL, whichever instance took them.
    await waitFor(
      async () => {
        const stored = cardTexts(await docFromPostgres(cluster.schema, BOARD));
        return (
          stored.includes('"Jembatan desa lewat dua server"') &&
          stored.includes('"Harga karet turun"')
        );
      },
      { timeoutMs: 10_000, intervalMs: 200, what: 'both cards in PostgreSQL' },
    );
  });

  test('the console, served by HAProxy, opens the vote; a dot on the tablet shows on the laptop', async () => {
    consolePage = await staff.context.newPage();
    await consolePage.goto(`${cluster.haproxy.url}/m/demo?token=${CLUSTER_ADMIN_TOKEN}`);
    await consolePage.waitForSelector('[data-testid="console"][data-connected="true"]');
    await consolePage.click(`[data-testid="control-${BOARD}-phase-pilih"]`);
    await tabletPage.waitForSelector('[data-testid="votes-left"]', { timeout: 15_000 });
    await laptopPage.waitForSelector('[data-testid="votes-left"]', { timeout: 15_000 });
    const card = '[data-testid="issue-card"][data-text="Harga karet turun"]';
    await tabletPage.tap(`${card} [data-testid="vote-add"]`);
    await laptopPage.waitForSelector(`${card}[data-votes="1"]`, { timeout: 15_000 });
  });

  test('a lock from the console reaches both instances: neither tablet can add a card', async () => {
    await consolePage.click(`[data-testid="control-${BOARD}-lock"]`);
    for (const page of [tabletPage, laptopPage]) {
      await page.waitForSelector('[data-testid="board-locked"]', { timeout: 15_000 });
      expect(await page.textContent('[data-testid="board-locked"]')).toContain('Papan dikunci');
      // The canvas turns read-only through tldraw's instance state, a render after the badge.
      await page.waitForSelector('[data-testid="board-canvas"][data-readonly="true"]', {
        timeout: 15_000,
      });
      expect(await page.$('[data-testid="add-card"]')).toBeNull();
    }
    await screenshot(laptopPage, 'balanced-board-locked.png');
    // The console's button toggles what the console shows: a moderator taps "Buka kunci" once
    // the console says the board is locked (its live stream may come from the other instance).
    await consolePage.waitForSelector(
      `[data-testid="control-${BOARD}-lock"][aria-pressed="true"]`,
      { timeout: 15_000 },
    );
    await consolePage.click(`[data-testid="control-${BOARD}-lock"]`);
    for (const page of [tabletPage, laptopPage]) {
      await page.waitForSelector('[data-testid="board-locked"]', {
        state: 'detached',
        timeout: 15_000,
      });
    }
  });
});

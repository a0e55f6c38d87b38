import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RESULTS_DIR } from './support/clientBuild';
import {
  clusterCards,
  screenshot,
  startPagesHarness,
  type PagesHarness,
} from './pages/pagesHarness';
import { runAxe, serious, smallTapTargets, type AxeViolation } from './pages/axeCheck';

/**
 * The pages around the board (join, console, issue map, merge, staff home, QR sheet, report)
 * at the four sizes of the hall: no serious or critical axe-core violation, every control at
 * least 44x44 CSS px, and a screenshot of each kept in test-results/ to be looked at. The
 * board page gets a read-only axe pass whose findings are written to test-results/.
 */
let h: PagesHarness;

const VIEWPORTS = [
  { name: 'tablet', width: 1280, height: 800, mobile: false },
  { name: 'tablet-small', width: 1024, height: 768, mobile: false },
  { name: 'tablet-portrait', width: 800, height: 1280, mobile: false },
  { name: 'phone', width: 412, height: 915, mobile: true },
] as const;

/** WCAG 2.5.5's target size; our stylesheet aims at 48. */
const MIN_TARGET = 44;

async function touchContext(v: (typeof VIEWPORTS)[number]): Promise<BrowserContext> {
  return h.browser.newContext({
    viewport: { width: v.width, height: v.height },
    hasTouch: true,
    isMobile: v.mobile,
    deviceScaleFactor: 1,
    // axe-core goes in by script; the QR sheet and report forbid scripts by their own CSP.
    bypassCSP: true,
  });
}

interface PageCase {
  name: string;
  open(page: Page): Promise<void>;
}

const PAGES: PageCase[] = [
  {
    name: 'join',
    async open(page) {
      const code = (await h.t.papan.app.events.getBoard('demo-juai'))?.joinCode ?? '';
      await page.goto(`${h.t.url}/j/${code}`);
      await page.waitForSelector('[data-testid="join-name"]');
      await page.fill('[data-testid="join-name"]', 'Siti (Desa Batu Piring)');
    },
  },
  {
    name: 'console',
    async open(page) {
      await page.goto(`${h.t.url}/m/demo?token=${h.moderatorToken}`);
      await page.waitForSelector('[data-testid="console"][data-connected="true"]');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="board-thumbnail"]').length === 8,
        null,
        { timeout: 15_000 },
      );
    },
  },
  {
    name: 'issue-map',
    async open(page) {
      await page.goto(`${h.t.url}/e/demo/peta?token=${h.moderatorToken}`);
      await page.waitForSelector('[data-testid="heat-table"]');
    },
  },
  {
    name: 'merge',
    async open(page) {
      await page.goto(`${h.t.url}/m/demo/gabung?token=${h.moderatorToken}`);
      await page.waitForSelector('[data-testid="merge-board-demo-juai"]');
      for (const id of ['demo-juai', 'demo-halong']) {
        await page.tap(`[data-testid="merge-board-${id}"]`);
      }
      await page.tap('[data-testid="merge-preview"]');
      await page.waitForSelector('[data-testid="merge-issue"]');
      // The page scrolls (smoothly) to the proposals: let it arrive before the screenshot.
      await page.waitForTimeout(1_000);
    },
  },
];

beforeAll(async () => {
  h = await startPagesHarness();
  await clusterCards(h.t, 'demo-juai', 'Jalan desa rusak', 3);
  await clusterCards(h.t, 'demo-halong', 'Jalan desa rusak', 2);
  await clusterCards(h.t, 'demo-halong', 'Posyandu kekurangan kader', 2);
});

afterAll(async () => {
  await h?.close();
});

function describeViolations(list: readonly AxeViolation[]): string {
  return list.map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.targets.join(' | ')}`).join('\n');
}

describe.each(VIEWPORTS)('the pages around the board at $width x $height (touch)', (v) => {
  test.each(PAGES.map((p) => [p.name, p] as const))(
    '%s: no serious axe violation, every control at least 44 px, screenshot kept',
    async (name, pageCase) => {
      const context = await touchContext(v);
      try {
        const page = await context.newPage();
        await pageCase.open(page);
        await screenshot(page, `pages-${name}-${v.width}x${v.height}.png`);
        const found = {
          serious: describeViolations(serious(await runAxe(page))),
          smallTargets: await smallTapTargets(page, MIN_TARGET),
          // Nothing wider than the screen: no sideways scrolling of the whole page.
          overflowPx: await page.evaluate(() =>
            Math.max(
              0,
              document.documentElement.scrollWidth - document.documentElement.clientWidth,
            ),
          ),
        };
        fs.writeFileSync(
          path.join(RESULTS_DIR, `pages-${name}-${v.width}x${v.height}.a11y.json`),
          `${JSON.stringify(found, null, 2)}\n`,
        );
        expect(found).toEqual({ serious: '', smallTargets: [], overflowPx: 0 });
      } finally {
        await context.close();
      }
    },
  );
});

describe('the pages only staff open, and the board', () => {
  test('staff home, the QR sheet and the printed report have no serious axe violation', async () => {
    const context = await touchContext(VIEWPORTS[0]);
    try {
      const home = await context.newPage();
      await home.goto(`${h.t.url}/?token=${h.staffToken}`);
      await home.waitForSelector('[data-testid="staff-event"]');
      expect(describeViolations(serious(await runAxe(home)))).toBe('');
      expect(await smallTapTargets(home, MIN_TARGET)).toEqual([]);
      expect(
        await home.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      await screenshot(home, 'pages-staff-home-1280x800.png', true);

      // The console opens both through the header-authenticated blob tab.
      const console = await context.newPage();
      await console.goto(`${h.t.url}/m/demo?token=${h.moderatorToken}`);
      await console.waitForSelector('[data-testid="console"][data-connected="true"]');
      for (const [button, ready] of [
        ['qr-sheet-link', 'section.page'],
        ['report-link', 'section.cover'],
      ] as const) {
        const [opened] = await Promise.all([
          context.waitForEvent('page'),
          console.tap(`[data-testid="${button}"]`),
        ]);
        await opened.waitForSelector(ready, { timeout: 15_000 });
        expect(describeViolations(serious(await runAxe(opened)))).toBe('');
        await opened.close();
      }
    } finally {
      await context.close();
    }
  });

  test('the board page (read-only check): axe findings are written to test-results/', async () => {
    const context = await touchContext(VIEWPORTS[0]);
    try {
      const token = (
        await h.t.papan.app.tokens.issue({
          role: 'participant',
          name: 'Peserta Axe',
          eventId: 'demo',
          boardId: 'demo-juai',
        })
      ).token;
      const page = await context.newPage();
      await page.goto(`${h.t.url}/b/demo-juai?token=${token}`);
      await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
        timeout: 30_000,
      });
      const violations = await runAxe(page);
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      fs.writeFileSync(
        path.join(RESULTS_DIR, 'axe-board.json'),
        `${JSON.stringify(violations, null, 2)}\n`,
      );
      // The board is another engineer's: its findings are reported, not asserted here. The
      // check itself must have run on a real page.
      expect(await page.evaluate(() => typeof (window as { axe?: unknown }).axe)).toBe('object');
    } finally {
      await context.close();
    }
  });
});

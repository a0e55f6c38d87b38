import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './support/browser';
import { ensureClientBuilt, RESULTS_DIR } from './support/clientBuild';
import { startE2EPapan, type E2EPapan } from './support/papanServer';
import { runAxe, serious, type AxeViolation } from './pages/axeCheck';

/**
 * The board page under axe-core (WCAG 2.0/2.1 A and AA, best practices) on the tablet and the
 * phone, as a participant who has not given a name yet, with a name, and in the Pilih phase
 * (vote buttons on every card): no serious or critical violation. Findings of every run are
 * written to test-results/axe-board-<case>.json.
 */
let server: E2EPapan;
let browser: Browser;

const SIZES = [
  { width: 1280, height: 800, mobile: false },
  { width: 412, height: 915, mobile: true },
] as const;

async function openBoardAs(
  size: (typeof SIZES)[number],
  boardId: string,
  name: string | null,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    hasTouch: true,
    isMobile: size.mobile,
    deviceScaleFactor: 1,
  });
  if (name !== null) {
    await context.addInitScript((n: string) => localStorage.setItem('papan.name', n), name);
  }
  const page = await context.newPage();
  await page.goto(await server.boardUrl(boardId, name ?? 'Peserta'));
  await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
    timeout: 30_000,
  });
  await page.waitForSelector('[data-testid="issue-card"]', { timeout: 15_000 });
  return page;
}

function describeViolations(list: readonly AxeViolation[]): string {
  return list.map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.targets.join(' | ')}`).join('\n');
}

async function check(page: Page, name: string): Promise<AxeViolation[]> {
  const violations = await runAxe(page);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, `axe-board-${name}.json`),
    `${JSON.stringify(violations, null, 2)}\n`,
  );
  return violations;
}

beforeAll(async () => {
  ensureClientBuilt();
  server = await startE2EPapan({ seedDemo: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the board page under axe-core', () => {
  for (const size of SIZES) {
    const at = `${size.width}x${size.height}`;

    test(`${at}: first visit, no name yet (the name prompt open): no serious violation, no region finding`, async () => {
      const page = await openBoardAs(size, 'demo-juai', null);
      await page.waitForSelector('[data-testid="name-prompt"]');
      // No name yet: the name button still says what it is for (it had no name at all).
      expect(await page.getAttribute('[data-testid="change-name"]', 'aria-label')).toBe(
        'Isi nama Anda',
      );
      const found = await check(page, `first-visit-${at}`);
      expect(describeViolations(serious(found))).toBe('');
      // The name prompt is a dialog: its content is not left outside every landmark.
      expect(found.map((v) => v.id)).not.toContain('region');
      await page.context().close();
    });

    test(`${at}: the board with a name, a card selected: no serious violation, no region finding`, async () => {
      const page = await openBoardAs(size, 'demo-juai', 'Siti Rahmawati (Desa Juai)');
      const card = await page.locator('[data-testid="issue-card"]').first().boundingBox();
      if (!card) throw new Error('no card on screen');
      await page.touchscreen.tap(card.x + card.width / 2, card.y + card.height / 2);
      await page.waitForSelector('[data-testid="edit-card"]');
      const found = await check(page, `tulis-${at}`);
      expect(describeViolations(serious(found))).toBe('');
      expect(found.map((v) => v.id)).not.toContain('region');
      await page.context().close();
    });

    test(`${at}: the Pilih phase, vote buttons on the cards: no serious violation`, async () => {
      await server.control('demo-halong', { phase: 'pilih', voteBudget: 5 });
      try {
        const page = await openBoardAs(size, 'demo-halong', 'Budi');
        await page.waitForSelector('[data-testid="vote-add"]', { timeout: 15_000 });
        const found = await check(page, `pilih-${at}`);
        expect(describeViolations(serious(found))).toBe('');
        await page.context().close();
      } finally {
        await server.control('demo-halong', { phase: 'tulis' });
      }
    });
  }
});

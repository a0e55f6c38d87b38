import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitFor } from '../helpers/waitFor';
import { launchChromium } from './support/browser';
import { ensureClientBuilt, RESULTS_DIR } from './support/clientBuild';
import { E2E_EVENT, startE2EPapan, type E2EPapan } from './support/papanServer';
import { touchDrag } from './support/touch';

/**
 * Issue 13: participants keep participant mode; moderators and staff get tldraw's pen, arrow
 * and text tools back in the bottom bar (still no pages menu, style panel or tldraw toolbar),
 * and what they draw reaches the server's canvas map.
 */
let server: E2EPapan;
let browser: Browser;
const BOARD = 'e2e-lampihong';

async function openWith(token: string, name: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
    deviceScaleFactor: 1,
  });
  await context.addInitScript((n: string) => localStorage.setItem('papan.name', n), name);
  const page = await context.newPage();
  await page.goto(`${server.url}/b/${BOARD}?token=${token}`);
  await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
    timeout: 30_000,
  });
  return page;
}

async function drawingsStored(): Promise<string[]> {
  const board = await server.board(BOARD);
  return [...board.canvas.values()].flatMap((r) =>
    r.typeName === 'shape' && typeof r.type === 'string' ? [r.type] : [],
  );
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

describe('drawing tools by role', () => {
  test('a participant gets no drawing tools: no buttons, and "d" on a keyboard does not draw', async () => {
    const page = await openWith(await server.token(BOARD, { name: 'Siti' }), 'Siti');
    expect(await page.getAttribute('[data-testid="board-canvas"]', 'data-mode')).toBe(
      'participant',
    );
    expect(await page.$('[data-testid="tool-draw"]')).toBeNull();
    expect(await page.$('[data-testid="tool-arrow"]')).toBeNull();
    expect(await page.$('[data-testid="tool-text"]')).toBeNull();
    // tldraw's shortcut for the pen, then a stroke over the empty canvas: nothing is drawn.
    await page.mouse.click(700, 400);
    await page.keyboard.press('d');
    await touchDrag(page, { x: 600, y: 300 }, { x: 800, y: 450 });
    await page.waitForTimeout(800);
    expect(await drawingsStored()).toEqual([]);
    await page.context().close();
  });

  test('a moderator draws with the pen and an arrow; no pages menu or tldraw toolbar; the server keeps both', async () => {
    const page = await openWith(
      await server.token(BOARD, { role: 'moderator', name: 'Fasil' }),
      'Fasil',
    );
    expect(await page.getAttribute('[data-testid="board-canvas"]', 'data-mode')).toBe('moderator');
    await page.tap('[data-testid="tool-draw"]');
    expect(await page.getAttribute('[data-testid="tool-draw"]', 'aria-pressed')).toBe('true');
    await touchDrag(page, { x: 500, y: 250 }, { x: 700, y: 420 });
    await page.tap('[data-testid="tool-arrow"]');
    await touchDrag(page, { x: 800, y: 250 }, { x: 950, y: 380 });
    await waitFor(
      async () => {
        const types = await drawingsStored();
        return types.includes('draw') && types.includes('arrow');
      },
      { what: 'the drawing and the arrow on the server', timeoutMs: 15_000 },
    );
    // Still none of tldraw's own chrome.
    for (const selector of ['.tlui-page-menu__trigger', '.tlui-toolbar', '.tlui-style-panel']) {
      expect(await page.$(selector), selector).toBeNull();
    }
    await page.tap('[data-testid="tool-select"]');
    expect(await page.getAttribute('[data-testid="tool-select"]', 'aria-pressed')).toBe('true');
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'board-moderator-1280x800.png') });
    // The arrow just drawn is selected: the bar offers to delete it, and the server drops it.
    await page.tap('[data-testid="delete-selection"]');
    await waitFor(async () => !(await drawingsStored()).includes('arrow'), {
      what: 'the arrow gone from the server',
      timeoutMs: 15_000,
    });
    expect(await page.textContent('[data-testid="toast"]')).toContain('Gambar dihapus');
    expect(await drawingsStored()).toContain('draw');
    await page.context().close();
  });

  test("on a phone the moderator's tools fit the bars: nothing overlaps, the canvas keeps the room", async () => {
    const context = await browser.newContext({
      viewport: { width: 412, height: 915 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 1,
    });
    await context.addInitScript(() => localStorage.setItem('papan.name', 'Fasil'));
    const page = await context.newPage();
    await page.goto(
      `${server.url}/b/${BOARD}?token=${await server.token(BOARD, { role: 'moderator' })}`,
    );
    await page.waitForSelector('[data-testid="tool-draw"]', { timeout: 30_000 });
    const boxes = await page.$$eval('.board-bar button, .board-bar select', (els) =>
      els.flatMap((el) => {
        const r = el.getBoundingClientRect();
        return r.width === 0 ? [] : [{ id: el.getAttribute('data-testid') ?? el.tagName, r }];
      }),
    );
    for (const [i, a] of boxes.entries()) {
      expect(a.r.x + a.r.width, `${a.id} inside the screen`).toBeLessThanOrEqual(412.5);
      for (const b of boxes.slice(i + 1)) {
        const apart =
          a.r.x + a.r.width <= b.r.x + 0.5 ||
          b.r.x + b.r.width <= a.r.x + 0.5 ||
          a.r.y + a.r.height <= b.r.y + 0.5 ||
          b.r.y + b.r.height <= a.r.y + 0.5;
        expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
      }
    }
    const stage = await page.locator('.board-stage').boundingBox();
    expect(stage?.height ?? 0).toBeGreaterThan(915 * 0.55);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'board-moderator-412x915.png') });
    await context.close();
  });

  test('staff get the drawing tools too', async () => {
    const token = (
      await server.t.papan.app.tokens.issue({
        role: 'staff',
        name: 'Staf',
        eventId: E2E_EVENT,
        boardId: null,
      })
    ).token;
    const page = await openWith(token, 'Staf');
    expect(await page.getAttribute('[data-testid="board-canvas"]', 'data-mode')).toBe('moderator');
    expect(await page.$('[data-testid="tool-text"]')).not.toBeNull();
    await page.context().close();
  });
});

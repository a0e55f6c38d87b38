import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addCard, createCluster, initBoard } from '../../shared/board/boardModel';
import { waitFor } from '../helpers/waitFor';
import { launchChromium, openBoard } from './support/browser';
import { ensureClientBuilt, RESULTS_DIR } from './support/clientBuild';
import { E2E_EVENT, startE2EPapan, type E2EPapan } from './support/papanServer';

/**
 * Issue 13, layout and the board side of the moderator's list: at the four sizes people use,
 * nothing covers anything and every control is a finger's size; the timer, "Selesai", the
 * facilitator call and merged boards say what they should.
 */
let server: E2EPapan;
let browser: Browser;

type Box = { x: number; y: number; width: number; height: number };

const VIEWPORTS = [
  { name: 'tablet-landscape', width: 1280, height: 800 },
  { name: 'tablet-small', width: 1024, height: 768 },
  { name: 'tablet-portrait', width: 800, height: 1280 },
  { name: 'phone', width: 412, height: 915 },
] as const;

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, name) });
}

async function touchPage(size: { width: number; height: number }, name: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    hasTouch: true,
    isMobile: size.width < 600,
    deviceScaleFactor: 1,
  });
  await context.addInitScript((n: string) => localStorage.setItem('papan.name', n), name);
  return context.newPage();
}

async function open(size: { width: number; height: number }, boardId: string, name: string) {
  const page = await touchPage(size, name);
  const ready = await openBoard(page.context(), await server.boardUrl(boardId, name));
  await page.close();
  return ready;
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

/** Every visible control of the two bars, with its box and name. */
async function barControls(page: Page): Promise<{ name: string; box: Box }[]> {
  return page.$$eval(
    '.board-bar button, .board-bar select, .board-bar [data-testid="status-badge"], .board-control > span',
    (els) =>
      els.flatMap((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return [];
        const name =
          el.getAttribute('data-testid') ??
          el.getAttribute('aria-label') ??
          el.textContent?.trim().slice(0, 30) ??
          el.tagName;
        return [{ name, box: { x: r.x, y: r.y, width: r.width, height: r.height } }];
      }),
  );
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

describe('the board at 1280x800, 1024x768, 800x1280 and 412x915', () => {
  for (const size of VIEWPORTS) {
    test(`${size.name} (${size.width}x${size.height}): bars beside the canvas, nothing overlapping, every control 44 px or more`, async () => {
      const page = await open(size, 'demo-juai', 'Siti Rahmawati (Desa Juai)');
      await page.waitForSelector('[data-testid="issue-card"]');
      const top = (await page.locator('[data-testid="board-topbar"]').boundingBox()) as Box;
      const stage = (await page.locator('.board-stage').boundingBox()) as Box;
      const bottom = (await page.locator('[data-testid="board-bottombar"]').boundingBox()) as Box;
      expect(top.y + top.height).toBeLessThanOrEqual(stage.y + 0.5);
      expect(stage.y + stage.height).toBeLessThanOrEqual(bottom.y + 0.5);
      expect(bottom.y + bottom.height).toBeLessThanOrEqual(size.height + 0.5);
      // The canvas keeps most of the screen.
      expect(stage.height).toBeGreaterThan(size.height * 0.55);

      const controls = await barControls(page);
      expect(controls.map((c) => c.name)).toEqual(
        expect.arrayContaining(['status-badge', 'change-name', 'add-card', 'undo', 'board-phase']),
      );
      for (const [i, c] of controls.entries()) {
        expect(c.box.x, `${c.name} inside the screen`).toBeGreaterThanOrEqual(0);
        expect(c.box.x + c.box.width, `${c.name} inside the screen`).toBeLessThanOrEqual(
          size.width + 0.5,
        );
        for (const other of controls.slice(i + 1)) {
          expect(overlap(c.box, other.box), `${c.name} and ${other.name} overlap`).toBe(false);
        }
      }
      // Tap targets: every button and select of the bars.
      const targets = controls.filter((c) => !['status-badge', 'board-phase'].includes(c.name));
      for (const t of targets) {
        if (t.name.startsWith('board-') || t.name === 'votes-left') continue;
        expect(
          Math.min(t.box.width, t.box.height),
          `${t.name} is a finger's size`,
        ).toBeGreaterThanOrEqual(44);
      }

      // "Tampilkan semua" puts every card inside the canvas, none under a bar.
      await page.tap('[data-testid="zoom-fit"]');
      await page.waitForTimeout(500);
      const cards = await page.$$eval('[data-testid="issue-card"]', (els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      expect(cards.length).toBeGreaterThan(5);
      for (const c of cards) {
        expect(c.y).toBeGreaterThanOrEqual(stage.y - 0.5);
        expect(c.y + c.height).toBeLessThanOrEqual(stage.y + stage.height + 0.5);
      }
      await screenshot(page, `board-${size.width}x${size.height}.png`);
      await page.context().close();
    });
  }

  test('the phone in the Pilih phase: dots left, the vote list, nothing covered', async () => {
    await server.control('demo-halong', { phase: 'pilih', voteBudget: 5, timerSeconds: 600 });
    const page = await open({ width: 412, height: 915 }, 'demo-halong', 'Budi');
    await page.waitForSelector('[data-testid="votes-left"]');
    await page.waitForSelector('[data-testid="board-timer"]');
    await screenshot(page, 'board-412x915-pilih.png');
    await page.tap('[data-testid="vote-list-open"]');
    await page.waitForSelector('[data-testid="vote-list-item"]');
    await screenshot(page, 'board-412x915-vote-list.png');
    await server.control('demo-halong', { phase: 'tulis', timerSeconds: null });
    await page.context().close();
  });
});

describe("the board side of the moderator's decisions", () => {
  const BOARD = 'e2e-awayan';

  test('"Waktu habis" shows when the timer ends and is gone in the next phase', async () => {
    const page = await open({ width: 1280, height: 800 }, BOARD, 'Siti');
    await server.control(BOARD, { phase: 'tulis', timerSeconds: 1 });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="board-timer"]')?.textContent === 'Waktu habis',
      undefined,
      { timeout: 15_000 },
    );
    await server.control(BOARD, { phase: 'kelompokkan' });
    await page.waitForSelector('[data-testid="board-phase"][data-phase="kelompokkan"]');
    await page.waitForTimeout(1_200);
    expect(await page.$('[data-testid="board-timer"]')).toBeNull();
    await page.context().close();
  });

  test('three taps on "Panggil fasilitator" make one call, and the tablet says someone is coming', async () => {
    const page = await open({ width: 1280, height: 800 }, BOARD, 'Siti');
    const calls: string[] = [];
    const stop = server.t.papan.app.rooms.onFacilitatorCall((call) => calls.push(call.name));
    try {
      await page.waitForSelector('[data-testid="status-badge"][data-status="online"]');
      const button = await page.locator('[data-testid="call-facilitator"]').boundingBox();
      if (!button) throw new Error('no call button');
      // Three anxious taps on the same spot (the button changes its words after the first).
      for (let i = 0; i < 3; i++) {
        await page.touchscreen.tap(button.x + 30, button.y + button.height / 2);
        await page.waitForTimeout(150);
      }
      await waitFor(() => calls.length > 0, { what: 'the call at the server' });
      await page.waitForTimeout(800);
      expect(calls).toEqual(['Siti']);
      expect(await page.textContent('[data-testid="call-facilitator"]')).toContain(
        'Fasilitator sudah dipanggil',
      );
      // A reload does not make the button forget.
      await page.reload();
      await page.waitForSelector('[data-testid="call-facilitator"][data-called="true"]');
      await screenshot(page, 'board-facilitator-called.png');
    } finally {
      stop();
    }
    await page.context().close();
  });

  test('"Selesai" closes the board with thanks, not as locked', async () => {
    const page = await open({ width: 1280, height: 800 }, BOARD, 'Siti');
    await server.control(BOARD, { phase: 'selesai' });
    await page.waitForSelector('[data-testid="board-done"]');
    expect(await page.textContent('[data-testid="board-done"]')).toBe(
      'Rembuk selesai. Terima kasih atas masukan Anda!',
    );
    expect(await page.$('[data-testid="board-locked"]')).toBeNull();
    await screenshot(page, 'board-selesai.png');
    await server.control(BOARD, { phase: 'tulis' });
    await page.context().close();
  });

  test('cards on a merged board show their kecamatan; issue titles show in full', async () => {
    const MERGED = 'e2e-gabungan';
    const TITLE = 'Belum meratanya akses air bersih di desa-desa pinggiran sungai Balangan';
    await server.t.papan.app.events.addBoard({
      id: MERGED,
      eventId: E2E_EVENT,
      kind: 'merged',
      kecamatanKode: null,
      title: 'Kabupaten Balangan',
    });
    await server.t.papan.app.rooms.changeBoardDoc(MERGED, (doc) => {
      initBoard(doc, { kind: 'merged', title: 'Kabupaten Balangan', kecamatanKode: null });
      const k = createCluster(doc, { title: TITLE, x: 80, y: 80, w: 600, h: 420 });
      addCard(doc, {
        text: 'Sumur warga kering saat kemarau',
        desaKode: '63.11.02.2001',
        bidang: 'infrastruktur',
        x: 120,
        y: 240,
        author: { id: 'a', name: 'Ani' },
        clusterId: k,
        source: { boardId: 'e2e-halong', cardId: 'c1', kecamatanKode: '63.11.02' },
      });
    });
    const page = await open({ width: 1280, height: 800 }, MERGED, 'Moderator');
    await page.waitForSelector('[data-testid="card-kecamatan"]');
    expect(await page.textContent('[data-testid="card-kecamatan"]')).toBe('Kec. Halong');
    expect(await page.textContent('[data-testid="issue-title"]')).toBe(TITLE);
    await screenshot(page, 'board-merged.png');
    await page.context().close();
  });
});

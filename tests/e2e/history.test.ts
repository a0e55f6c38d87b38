import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { voteKey } from '../../shared/board/boardDoc';
import { addCard, createCluster } from '../../shared/board/boardModel';
import { waitFor } from '../helpers/waitFor';
import { connectClient, type TestClient } from '../helpers/yClient';
import { cardsOnPage } from './support/boardActions';
import { launchChromium, newContext, openBoard } from './support/browser';
import { ensureClientBuilt, RESULTS_DIR } from './support/clientBuild';
import { startE2EPapan, type E2EPapan } from './support/papanServer';

/**
 * The safety net, as people meet it: a tablet selects every card and deletes it, the console
 * raises the alarm on that board, the moderator restores, and every card comes back on both
 * tablets with its cluster and votes; undo on the deleting tablet duplicates nothing; a stock
 * client offline during the restore merges on its return.
 */
const BOARD = 'e2e-halong';
/** Four cards in the cluster "Jalan desa rusak", six loose. */
const CARDS = 10;
const CLUSTERED = 4;
const LOOSE = CARDS - CLUSTERED;
let server: E2EPapan;
let browser: Browser;
let tabletA: Page;
let tabletB: Page;
let consolePage: Page;
let offline: TestClient;

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, name) });
}

const boardCard = `[data-testid="console-board"][data-board="${BOARD}"]`;

async function everyCardBack(page: Page): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="issue-card"]').length === n,
    CARDS,
    { timeout: 20_000 },
  );
  const cards = await cardsOnPage(page);
  expect(new Set(cards.map((c) => c.text)).size).toBe(CARDS);
  expect(cards.filter((c) => c.cluster === 'k-jalan')).toHaveLength(CLUSTERED);
}

beforeAll(async () => {
  ensureClientBuilt();
  server = await startE2EPapan();
  await server.t.papan.app.rooms.changeBoardDoc(BOARD, (doc: Y.Doc) => {
    createCluster(doc, { id: 'k-jalan', title: 'Jalan desa rusak', x: 0, y: 0, w: 600, h: 500 });
    for (let i = 0; i < CARDS; i++) {
      addCard(doc, {
        id: `c${i}`,
        text: `Masalah nomor ${i + 1}`,
        desaKode: null,
        bidang: 'infrastruktur',
        x: i < CLUSTERED ? 20 + (i % 2) * 260 : 700 + ((i - CLUSTERED) % 3) * 260,
        y:
          i < CLUSTERED ? 60 + Math.floor(i / 2) * 180 : 60 + Math.floor((i - CLUSTERED) / 3) * 180,
        clusterId: i < CLUSTERED ? 'k-jalan' : null,
        author: { id: 'seed', name: 'Peserta' },
      });
    }
    doc.getMap('votes').set(voteKey('c1', 'voter-a'), 2);
  });
  browser = await launchChromium();
  const a = await newContext(browser, { tablet: true, name: 'Siti' });
  const b = await newContext(browser, { tablet: true, name: 'Budi' });
  const mod = await newContext(browser, { tablet: true });
  tabletA = await openBoard(a.context, await server.boardUrl(BOARD, 'Siti'));
  tabletB = await openBoard(b.context, await server.boardUrl(BOARD, 'Budi'));
  consolePage = await mod.context.newPage();
  await consolePage.goto(
    `${server.url}/m/e2e?token=${await server.token(BOARD, { role: 'moderator', name: 'Bu Rina' })}`,
  );
  await consolePage.waitForSelector('[data-testid="console"][data-connected="true"]');
  await consolePage.waitForSelector(`${boardCard}[data-cards="${CARDS}"]`);
  offline = connectClient(server.syncUrl, BOARD, { params: { token: await server.token(BOARD) } });
  await offline.synced();
  await everyCardBack(tabletA);
  await everyCardBack(tabletB);
}, 120_000);

afterAll(async () => {
  offline?.destroy();
  await browser?.close();
  await server?.close();
});

describe('a mass deletion, its alarm and the restore', () => {
  test('select all and delete on a tablet: the console shows the alarm on that board within 2 s', async () => {
    // As a participant would: tap an empty spot of the canvas, select all, delete.
    await tabletA.tap('[data-testid="board-canvas"]', { position: { x: 640, y: 700 } });
    await tabletA.keyboard.press('Control+a');
    await tabletA.keyboard.press('Delete');
    // The cards were written by someone else: the tablet asks once, and the participant agrees.
    await tabletA.tap('[data-testid="delete-confirm"] [data-testid="sheet-save"]');
    const started = Date.now();
    // tldraw's select-all takes the frame and the loose cards; deleting a frame keeps its cards
    // (unclustered), so the six loose cards go.
    await tabletA.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="issue-card"]').length === n,
      CLUSTERED,
      { timeout: 10_000 },
    );
    await consolePage.waitForSelector(`${boardCard} [data-testid="deletion-alarm"]`, {
      timeout: 10_000,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    const text = await consolePage.textContent(`${boardCard} [data-testid="deletion-alarm"]`);
    expect(text).toContain(`Peserta Siti menghapus ${LOOSE} kartu`);
    await tabletB.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="issue-card"]').length === n,
      CLUSTERED,
      { timeout: 10_000 },
    );
    await waitFor(() => offline.doc.getMap('cards').size === CLUSTERED, {
      what: 'deletion on the stock client',
    });
    await consolePage.locator(boardCard).scrollIntoViewIfNeeded();
    await screenshot(consolePage, 'history-console-alarm.png');
  });

  test('the moderator restores after seeing what changes; both tablets show every card with its cluster and votes', async () => {
    // The stock client goes offline and writes a card meanwhile.
    offline.provider.disconnect();
    addCard(offline.doc, {
      id: 'c-offline',
      text: 'Ditulis saat terputus',
      desaKode: null,
      bidang: null,
      x: 1400,
      y: 60,
      author: { id: 'off', name: 'Ani' },
    });
    await consolePage.tap(`${boardCard} [data-testid="alarm-restore"]`);
    await consolePage.waitForSelector('[data-testid="confirm-dialog"][open]');
    expect(await consolePage.textContent('[data-testid="confirm-dialog"]')).toContain(
      `${LOOSE} kartu kembali`,
    );
    await screenshot(consolePage, 'history-console-confirm.png');
    await consolePage.tap('[data-testid="confirm-ok"]');
    await consolePage.waitForSelector(`${boardCard} [data-testid="deletion-alarm"]`, {
      state: 'detached',
    });
    await everyCardBack(tabletA);
    await everyCardBack(tabletB);
    const voted = (await cardsOnPage(tabletB)).length;
    expect(voted).toBe(CARDS);
    expect(
      await tabletB.getAttribute(
        '[data-testid="issue-card"][data-text="Masalah nomor 2"]',
        'data-votes',
      ),
    ).toBe('2');
    const stored = await server.board(BOARD);
    expect(stored.cards).toHaveLength(CARDS);
    expect(stored.clusters.map((k) => k.title)).toEqual(['Jalan desa rusak']);
    expect(stored.votes).toEqual([{ targetId: 'c1', voterId: 'voter-a', count: 2 }]);
    await screenshot(tabletB, 'history-tablet-restored.png');
  });

  test('undo on the tablet that deleted duplicates nothing', async () => {
    await tabletA.tap('[data-testid="undo"]');
    await tabletA.waitForTimeout(1_000);
    const cards = await cardsOnPage(tabletA);
    expect(cards.length).toBe(new Set(cards.map((c) => c.text)).size);
    const stored = await server.board(BOARD);
    expect(stored.cards.length).toBe(new Set(stored.cards.map((c) => c.id)).size);
    expect(stored.cards.length).toBeGreaterThanOrEqual(CARDS);
    expect((await cardsOnPage(tabletB)).length).toBe(stored.cards.length);
  });

  test('the stock client offline during the restore merges on return: nothing lost or duplicated', async () => {
    offline.provider.connect();
    await waitFor(async () => (await server.board(BOARD)).cards.some((c) => c.id === 'c-offline'), {
      what: 'the offline card stored',
      timeoutMs: 10_000,
    });
    const stored = await server.board(BOARD);
    const ids = stored.cards.map((c) => c.id).sort();
    expect(ids).toEqual([...Array.from({ length: CARDS }, (_, i) => `c${i}`), 'c-offline'].sort());
    await waitFor(() => offline.doc.getMap('cards').size === CARDS + 1, {
      what: 'offline client synced',
    });
    await tabletA.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="issue-card"]').length === n,
      CARDS + 1,
      { timeout: 10_000 },
    );
  });

  test('the history panel lists the points; a saved point shows; preview shows what would change', async () => {
    await consolePage.tap(`${boardCard} [data-testid="history-toggle"]`);
    await consolePage.waitForSelector(`${boardCard} [data-testid="history-point"]`);
    const reasons = await consolePage.$$eval(`${boardCard} [data-testid="history-point"]`, (els) =>
      els.map((el) => el.getAttribute('data-reason')),
    );
    expect(reasons.slice(0, 2)).toEqual(['before-restore', 'mass-deletion']);
    await consolePage.fill(`${boardCard} .history__save input`, 'Sebelum istirahat');
    await consolePage.tap(`${boardCard} [data-testid="history-save"]`);
    await consolePage.waitForSelector(`${boardCard} [data-testid="history-notice"]`);
    await consolePage.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('Sebelum istirahat'),
      `${boardCard} [data-testid="history-point"]`,
    );
    // Preview the point made before the restore (no cards then).
    const beforeRestore = consolePage.locator(
      `${boardCard} [data-testid="history-point"][data-reason="before-restore"]`,
    );
    await beforeRestore.locator('[data-testid="history-preview"]').tap();
    await consolePage.waitForSelector(`${boardCard} [data-testid="history-summary"] img`);
    expect(await consolePage.textContent(`${boardCard} [data-testid="history-summary"]`)).toContain(
      `${CARDS + 1 - CLUSTERED} kartu dihapus`,
    );
    await consolePage
      .locator(`${boardCard} [data-testid="history-panel"]`)
      .scrollIntoViewIfNeeded();
    await screenshot(consolePage, 'history-panel-1280.png');
    await consolePage.setViewportSize({ width: 412, height: 915 });
    await consolePage
      .locator(`${boardCard} [data-testid="history-summary"]`)
      .scrollIntoViewIfNeeded();
    await screenshot(consolePage, 'history-panel-412.png');
    const overflow = await consolePage.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

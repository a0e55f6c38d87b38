import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WS from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addCard, createCluster } from '../../shared/board/boardModel';
import { DEFAULT_TAXONOMY } from '../../shared/taxonomy';
import { waitFor } from '../helpers/waitFor';
import { launchChromium, newContext } from './support/browser';
import { ensureClientBuilt, RESULTS_DIR } from './support/clientBuild';
import { startE2EPapan, type E2EPapan } from './support/papanServer';

const BOARD = 'e2e-tebing-tinggi';
const CARDS = 300;
let server: E2EPapan;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  server = await startE2EPapan();
  browser = await launchChromium();
  // Seed through a stock client: 300 cards in a grid, 10 clusters holding a third of them.
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.syncUrl, BOARD, doc, {
    WebSocketPolyfill: WS as unknown as typeof WebSocket,
    disableBc: true,
    params: { token: await server.token(BOARD, { name: 'Seeder' }) },
  });
  await waitFor(() => provider.synced, { timeoutMs: 10_000, what: 'seed client synced' });
  const author = { id: 'seed', name: 'Seeder' };
  doc.transact(() => {
    const clusters = Array.from({ length: 10 }, (_, i) =>
      createCluster(doc, { title: `Isu ${i + 1}`, x: i * 700, y: -900, w: 660, h: 800 }),
    );
    for (let i = 0; i < CARDS; i++) {
      const clustered = i < 100;
      addCard(doc, {
        text: `Permasalahan nomor ${i + 1}: jalan, air bersih, pupuk, sekolah`,
        desaKode: null,
        bidang: DEFAULT_TAXONOMY[i % 3]?.id ?? null,
        x: clustered ? Math.floor(i / 10) * 700 + 20 + (i % 2) * 320 : (i % 20) * 260,
        y: clustered ? -860 + Math.floor((i % 10) / 2) * 150 : Math.floor(i / 20) * 190,
        author,
        clusterId: clustered ? (clusters[Math.floor(i / 10)] ?? null) : null,
      });
    }
  });
  await waitFor(
    async () => ((await server.t.papan.store.stats(BOARD)).logEntries > 0 ? true : null),
    {
      timeoutMs: 10_000,
      what: 'seed stored',
    },
  );
  provider.destroy();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('a tablet opens a board of 300 cards and can use it within a few seconds', async () => {
  const { context } = await newContext(browser, { tablet: true, name: 'Pengukur' });
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(await server.boardUrl(BOARD, 'Pengukur'));
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('[data-testid="board-canvas"][data-ready="true"]');
      return el !== null && Number(el.getAttribute('data-shapes')) >= n;
    },
    CARDS + 10,
    { timeout: 60_000 },
  );
  // Interactive: the "+ Kartu" button answers a tap with the form.
  await page.tap('[data-testid="add-card"]');
  await page.waitForSelector('[data-testid="card-form"]');
  const ms = Date.now() - started;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, 'board-load-300.json'),
    JSON.stringify({ cards: CARDS, navigationToInteractiveMs: ms, at: new Date().toISOString() }),
  );
  console.log(`navigation to interactive board with ${CARDS} cards: ${ms} ms`);
  await page.keyboard.press('Escape');
  await page.screenshot({ path: path.join(RESULTS_DIR, 'board-tablet-300-cards.png') });
  expect(ms).toBeLessThan(30_000);
});

test('cards out of view draw no face until they come into view; a long text offers the rest', async () => {
  const { context } = await newContext(browser, { tablet: true, name: 'Penggeser' });
  const page = await context.newPage();
  await page.goto(await server.boardUrl(BOARD, 'Penggeser'));
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid="board-canvas"]')?.getAttribute('data-shapes')) >=
      n,
    CARDS + 10,
    { timeout: 60_000 },
  );
  const culled = '[data-testid="issue-card"][data-culled="true"]';
  const faces = () => page.$$eval('.issue-card__text, .issue-card--distant', (els) => els.length);
  // The board opens zoomed to fit: every card in view has its (distant) face. Zoom in (ctrl +
  // wheel, as a trackpad pinch) until cards leave the view.
  await page.mouse.move(640, 420);
  await page.keyboard.down('Control');
  for (let i = 0; i < 30 && (await page.$(culled)) === null; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(50);
  }
  await page.keyboard.up('Control');
  await page.waitForSelector(culled, { state: 'attached', timeout: 10_000 });
  // Every card keeps its element (tests and the load measurement count them); only those in
  // view have a face (text, band, votes; or far out, band and bars).
  expect(await page.$$eval('[data-testid="issue-card"]', (els) => els.length)).toBe(CARDS);
  const far = await page.getAttribute(culled, 'data-text');
  expect(far).toBeTruthy();
  expect(await faces()).toBeLessThan(CARDS);
  // Zoomed out again, that card comes into view and draws its face.
  await page.keyboard.down('Control');
  for (let i = 0; i < 40 && (await page.$(culled)) !== null; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(50);
  }
  await page.keyboard.up('Control');
  await page.waitForSelector(
    `[data-testid="issue-card"][data-text="${far}"]:not([data-culled]).issue-card--distant`,
    { state: 'attached', timeout: 15_000 },
  );

  // A text longer than the card: whole lines, and "selengkapnya" for the rest.
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.syncUrl, BOARD, doc, {
    WebSocketPolyfill: WS as unknown as typeof WebSocket,
    disableBc: true,
    params: { token: await server.token(BOARD, { name: 'Penulis' }) },
  });
  try {
    await waitFor(() => provider.synced, { timeoutMs: 10_000, what: 'writer synced' });
    const long = `Jembatan gantung ${'rusak berat dan berbahaya bagi anak sekolah, '.repeat(8)}`;
    // Between the frames and the loose cards: inside the view zoomed to fit.
    addCard(doc, {
      text: long,
      desaKode: null,
      bidang: null,
      x: 2000,
      y: 300,
      author: { id: 'writer', name: 'Penulis dengan nama yang panjang sekali sampai terpotong' },
    });
    // Zoomed in on it (around the pointer) until its text is readable.
    const longCard = `[data-testid="issue-card"][data-text="${long}"]`;
    await page.waitForSelector(longCard, { state: 'attached', timeout: 15_000 });
    const at = await page.locator(longCard).boundingBox();
    if (!at) throw new Error('the long card is not in view');
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.keyboard.down('Control');
    for (let i = 0; i < 30 && (await page.$(`${longCard} .issue-card__text`)) === null; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(50);
    }
    await page.keyboard.up('Control');
    await page.waitForSelector(`${longCard} [data-testid="card-more"]`, {
      state: 'attached',
      timeout: 15_000,
    });
    // The long text clips at its last whole line; a text that fits draws no clip at all (each
    // clip is a paint property of its own, layerized again on every frame of a drag).
    const overflowOf = (text: string) =>
      page.$eval(
        `[data-testid="issue-card"][data-text="${text}"] .issue-card__text`,
        (el) => getComputedStyle(el).overflowY,
      );
    expect(await overflowOf(long)).toBe('hidden');
    const others = await page.$$eval(
      '[data-testid="issue-card"] .issue-card__text',
      (els, l) =>
        els
          .filter((el) => el.closest('[data-testid="issue-card"]')?.getAttribute('data-text') !== l)
          .map((el) => getComputedStyle(el).overflowY),
      long,
    );
    expect(others.length).toBeGreaterThan(0);
    expect(new Set(others)).toEqual(new Set(['visible']));
    // A name too long for the card ends in an ellipsis inside it, as a clipped span did.
    const author = await page.$eval(`[data-testid="issue-card"][data-text="${long}"]`, (card) => {
      const name = card.querySelector('.issue-card__author');
      if (!name) return null;
      return {
        overflow: getComputedStyle(name).overflowX,
        inside: name.getBoundingClientRect().right <= card.getBoundingClientRect().right,
      };
    });
    expect(author).toEqual({ overflow: 'hidden', inside: true });
  } finally {
    provider.destroy();
    doc.destroy();
  }
});

test('zoomed out to the whole board, cards draw a distant face; zoomed in, their text is back', async () => {
  // In Pilih, so that the full face would have vote controls.
  await server.control(BOARD, { phase: 'pilih', voteBudget: 5 });
  try {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 412, height: 915 },
    ]) {
      const context = await browser.newContext({
        viewport,
        hasTouch: true,
        isMobile: viewport.width < 600,
        deviceScaleFactor: 1,
      });
      await context.addInitScript(() => localStorage.setItem('papan.name', 'Peninjau'));
      const page = await context.newPage();
      const name = `${viewport.width}x${viewport.height}`;
      try {
        await page.goto(await server.boardUrl(BOARD, 'Peninjau'));
        await page.waitForFunction(
          (n) =>
            Number(
              document.querySelector('[data-testid="board-canvas"]')?.getAttribute('data-shapes'),
            ) >= n,
          CARDS + 10,
          { timeout: 60_000 },
        );
        await page.waitForSelector('[data-testid="votes-left"]');
        const zoom = () =>
          page.$eval('.tl-container', (el) =>
            Number((el as HTMLElement).style.getPropertyValue('--tl-zoom')),
          );
        expect(await zoom()).toBeLessThan(0.3);
        const cards = () =>
          page.$$eval('[data-testid="issue-card"]', (els) =>
            els.map((el) => ({
              text: el.getAttribute('data-text') ?? '',
              bidang: el.getAttribute('data-bidang') ?? '',
              cluster: el.getAttribute('data-cluster') ?? '',
              votes: el.getAttribute('data-votes'),
              culled: el.getAttribute('data-culled') === 'true',
              distant: el.classList.contains('issue-card--distant'),
              children: el.childElementCount,
              band: getComputedStyle(el).backgroundImage,
              border: getComputedStyle(el).borderTopColor,
            })),
          );
        // Zoomed to fit: every card in view is one element with the band in its bidang's colour
        // and no text, vote controls or "selengkapnya"; its data attributes are all there.
        // (The test above added one long card.)
        const far = await cards();
        const seeded = far.filter((c) => c.text.startsWith('Permasalahan nomor'));
        expect(seeded).toHaveLength(CARDS);
        const inView = far.filter((c) => !c.culled);
        expect(inView.length).toBeGreaterThan(CARDS / 2);
        for (const c of inView) {
          expect(c.distant).toBe(true);
          expect(c.children).toBe(0);
          expect(c.band).toContain(c.border);
        }
        expect(seeded.every((c) => c.bidang !== '' && c.votes === '0')).toBe(true);
        expect(seeded.filter((c) => c.cluster !== '')).toHaveLength(100);
        expect(await page.$$('.issue-card__text')).toHaveLength(0);
        expect(await page.$$('[data-testid="votes-card"]')).toHaveLength(0);
        expect(await page.$$('[data-testid="card-more"]')).toHaveLength(0);
        // The frames' titles are still drawn.
        expect(await page.$$('[data-testid="issue-title"]')).toHaveLength(10);
        await page.screenshot({ path: path.join(RESULTS_DIR, `board-distant-${name}.png`) });

        // Zoomed in: "Perbesar" twice on the tablet (tldraw's steps 0.25, 0.5); the phone has no
        // such button, there ctrl + wheel (a trackpad pinch) around the loose cards.
        if (await page.isVisible('[data-testid="zoom-in"]')) {
          for (let i = 0; i < 2; i++) {
            await page.tap('[data-testid="zoom-in"]');
            await page.waitForTimeout(300);
          }
        } else {
          const loose = await page
            .locator('[data-testid="issue-card"][data-cluster=""]')
            .first()
            .boundingBox();
          if (!loose) throw new Error('no loose card in view');
          await page.mouse.move(loose.x, loose.y);
          await page.keyboard.down('Control');
          for (let i = 0; i < 60 && (await page.$('.issue-card__text')) === null; i++) {
            await page.mouse.wheel(0, -120);
            await page.waitForTimeout(50);
          }
          await page.keyboard.up('Control');
        }
        await page.waitForSelector('.issue-card__text');
        expect(await zoom()).toBeGreaterThanOrEqual(0.33);
        const near = await cards();
        expect(near.filter((c) => c.distant)).toHaveLength(0);
        const texts = await page.$$eval('[data-testid="issue-card"]:not([data-culled])', (els) =>
          els.map((el) => ({
            text: el.getAttribute('data-text'),
            shown: el.querySelector('.issue-card__text')?.textContent,
            votes: el.querySelector('[data-testid="votes-card"]') !== null,
          })),
        );
        expect(texts.length).toBeGreaterThan(0);
        for (const t of texts) expect(t).toEqual({ text: t.text, shown: t.text, votes: true });
        await page.screenshot({ path: path.join(RESULTS_DIR, `board-near-${name}.png`) });
      } finally {
        await context.close();
      }
    }
  } finally {
    await server.control(BOARD, { phase: 'tulis' });
  }
});

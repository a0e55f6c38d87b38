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
    params: { token: server.token(BOARD, { name: 'Seeder' }) },
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
  await page.goto(server.boardUrl(BOARD, 'Pengukur'));
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
  await page.goto(server.boardUrl(BOARD, 'Penggeser'));
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid="board-canvas"]')?.getAttribute('data-shapes')) >=
      n,
    CARDS + 10,
    { timeout: 60_000 },
  );
  // Every card keeps its element (tests and the load measurement count them); only those in
  // view have a face (text, band, votes).
  const far = '[data-testid="issue-card"][data-text^="Permasalahan nomor 20:"]';
  await page.waitForSelector(`${far}[data-culled="true"]`, { state: 'attached' });
  const counts = await page.evaluate(() => ({
    cards: document.querySelectorAll('[data-testid="issue-card"]').length,
    faces: document.querySelectorAll('.issue-card__text').length,
  }));
  expect(counts.cards).toBe(CARDS);
  expect(counts.faces).toBeGreaterThan(0);
  expect(counts.faces).toBeLessThan(CARDS / 2);
  // Pan right until that card (x = 4940) is in view: it draws its face.
  await page.mouse.move(640, 400);
  for (let i = 0; i < 8; i++) await page.mouse.wheel(500, 0);
  await page.waitForSelector(`${far}:not([data-culled]) .issue-card__text`, { timeout: 15_000 });

  // A text longer than the card: whole lines, and "selengkapnya" for the rest.
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.syncUrl, BOARD, doc, {
    WebSocketPolyfill: WS as unknown as typeof WebSocket,
    disableBc: true,
    params: { token: server.token(BOARD, { name: 'Penulis' }) },
  });
  try {
    await waitFor(() => provider.synced, { timeoutMs: 10_000, what: 'writer synced' });
    const long = `Jembatan gantung ${'rusak berat dan berbahaya bagi anak sekolah, '.repeat(8)}`;
    addCard(doc, {
      text: long,
      desaKode: null,
      bidang: null,
      x: 4940,
      y: 190 * 9,
      author: { id: 'writer', name: 'Penulis' },
    });
    const card = `[data-testid="issue-card"][data-text="${long}"]`;
    await page.waitForSelector(card, { state: 'attached', timeout: 15_000 });
    // Bring it into view if it is not (it is right below the card above).
    for (let i = 0; i < 6; i++) {
      if ((await page.$(`${card}:not([data-culled])`)) !== null) break;
      await page.mouse.wheel(0, 400);
    }
    await page.waitForSelector(`${card} [data-testid="card-more"]`, { timeout: 15_000 });
  } finally {
    provider.destroy();
    doc.destroy();
  }
});

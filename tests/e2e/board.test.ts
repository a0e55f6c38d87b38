import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WS from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addCard } from '../../shared/board/boardModel';
import { waitFor } from '../helpers/waitFor';
import { addCardWithForm, cardsOnPage, bandOf, drag, waitForCard } from './support/boardActions';
import { launchChromium, newContext, openBoard, type RecordedContext } from './support/browser';
import { ensureClientBuilt, RESULTS_DIR } from './support/clientBuild';
import { startE2EPapan, type E2EPapan } from './support/papanServer';
import { readStoredBoard } from './support/storedBoard';

/** Kecamatan Juai of the e2e event (Balangan gazetteer, empty board). */
const BOARD = 'e2e-juai';
let server: E2EPapan;
let browser: Browser;
let tablet: RecordedContext;
let laptop: RecordedContext;
let tabletPage: Page;
let laptopPage: Page;

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, name) });
}

async function status(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid="status-badge"]', 'data-status');
}

beforeAll(async () => {
  ensureClientBuilt();
  server = await startE2EPapan();
  browser = await launchChromium();
  tablet = await newContext(browser, { tablet: true });
  laptop = await newContext(browser, { tablet: false, name: 'Fasilitator Budi' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the board on a tablet and a laptop', () => {
  test('a name is asked once, then both see each other on the board', async () => {
    tabletPage = await openBoard(
      tablet.context,
      await server.boardUrl(BOARD, 'Siti (Muara Ninian)'),
    );
    await tabletPage.waitForSelector('[data-testid="name-prompt"]');
    await tabletPage.fill('[data-testid="name-field"]', 'Siti (Babayau)');
    await tabletPage.tap('[data-testid="sheet-save"]');
    laptopPage = await openBoard(laptop.context, await server.boardUrl(BOARD, 'Fasilitator Budi'));
    await tabletPage.waitForFunction(() =>
      document.querySelector('[data-testid="people"]')?.textContent?.includes('2 orang'),
    );
    expect(await status(tabletPage)).not.toBe('offline');
  });

  test('a card added on the tablet appears on the laptop with the same text, desa and bidang', async () => {
    await addCardWithForm(
      tabletPage,
      { text: 'Jalan desa rusak saat hujan', desaKode: '63.11.01.2001', bidang: 'infrastruktur' },
      { touch: true },
    );
    const seen = await waitForCard(laptopPage, 'Jalan desa rusak saat hujan');
    expect(seen).toMatchObject({ desa: '63.11.01.2001', bidang: 'infrastruktur', cluster: '' });
    await addCardWithForm(laptopPage, { text: 'Harga pupuk mahal', bidang: 'ekonomi' });
    expect(await waitForCard(tabletPage, 'Harga pupuk mahal')).toMatchObject({ bidang: 'ekonomi' });
  });

  test('a card dropped into a cluster on the laptop shows clustered on the tablet and in the stored board', async () => {
    await laptopPage.click('[data-testid="add-cluster"]');
    await laptopPage.fill('[data-testid="cluster-title"]', 'Akses jalan desa');
    await laptopPage.click('[data-testid="sheet-save"]');
    const frame = laptopPage.locator('.tl-shape[data-shape-type="frame"]');
    await frame.waitFor();
    const box = await frame.boundingBox();
    if (!box) throw new Error('no frame box');
    const card = '[data-testid="issue-card"][data-text="Jalan desa rusak saat hujan"]';
    await laptopPage.keyboard.press('Escape');
    await drag(laptopPage, await bandOf(laptopPage, card), { x: box.x + 80, y: box.y + 60 });
    await screenshot(laptopPage, 'board-laptop-after-drop.png');
    const onLaptop = await waitFor(
      async () =>
        (await cardsOnPage(laptopPage)).find((c) => c.text.startsWith('Jalan') && c.cluster),
      { timeoutMs: 10_000, what: 'card clustered on the laptop' },
    );
    const clusterId = onLaptop.cluster;
    await tabletPage.waitForFunction(
      (id) =>
        document
          .querySelector('[data-testid="issue-card"][data-text="Jalan desa rusak saat hujan"]')
          ?.getAttribute('data-cluster') === id,
      clusterId,
    );
    const stored = await waitFor(
      async () => {
        const board = await readStoredBoard(server.t.papan.store, BOARD);
        const c = board.cards.find((x) => x.text === 'Jalan desa rusak saat hujan');
        return c?.clusterId === clusterId ? board : null;
      },
      { timeoutMs: 10_000, what: 'stored card in the cluster' },
    );
    expect(stored.clusters).toEqual([
      expect.objectContaining({ id: clusterId, title: 'Akses jalan desa' }),
    ]);
    const storedCard = stored.cards.find((x) => x.text === 'Jalan desa rusak saat hujan');
    expect(storedCard).toMatchObject({ desaKode: '63.11.01.2001', bidang: 'infrastruktur' });
    expect(storedCard?.author.name).toBe('Siti (Babayau)');
    await screenshot(tabletPage, 'board-tablet-clustered.png');

    await drag(laptopPage, await bandOf(laptopPage, card), { x: 120, y: 500 });
    await tabletPage.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="issue-card"][data-text="Jalan desa rusak saat hujan"]')
          ?.getAttribute('data-cluster') === '',
    );
  });

  test('edits made offline on the tablet reach the laptop once it is back, nothing duplicated', async () => {
    await tablet.context.setOffline(true);
    await tabletPage.waitForFunction(
      () =>
        document.querySelector('[data-testid="status-badge"]')?.getAttribute('data-status') ===
        'offline',
    );
    await addCardWithForm(
      tabletPage,
      {
        text: 'Puskesmas kekurangan bidan',
        bidang: 'pemerintahan-pembangunan-manusia',
        desaKode: '63.11.01.2002',
      },
      { touch: true },
    );
    await addCardWithForm(
      tabletPage,
      { text: 'Air bersih sulit', desaKode: '63.11.01.2003' },
      { touch: true },
    );
    // Edit the card just added (it is selected after adding).
    await tabletPage.tap('[data-testid="edit-card"]');
    await tabletPage.fill('[data-testid="card-text"]', 'Air bersih sulit di musim kemarau');
    await tabletPage.tap('[data-testid="card-bidang-infrastruktur"]');
    await tabletPage.tap('[data-testid="sheet-save"]');
    await tabletPage.waitForFunction(() => {
      const pending = document
        .querySelector('[data-testid="status-badge"]')
        ?.getAttribute('data-pending');
      return Number(pending) > 0;
    });
    await screenshot(tabletPage, 'board-tablet-offline.png');
    expect((await cardsOnPage(laptopPage)).some((c) => c.text.startsWith('Air bersih'))).toBe(
      false,
    );

    await tablet.context.setOffline(false);
    await waitForCard(laptopPage, 'Air bersih sulit di musim kemarau');
    await waitForCard(laptopPage, 'Puskesmas kekurangan bidan');
    await tabletPage.waitForFunction(
      () =>
        document.querySelector('[data-testid="status-badge"]')?.getAttribute('data-status') ===
        'online',
      undefined,
      { timeout: 15_000 },
    );
    const texts = (await cardsOnPage(laptopPage)).map((c) => c.text).sort();
    expect(texts).toEqual([
      'Air bersih sulit di musim kemarau',
      'Harga pupuk mahal',
      'Jalan desa rusak saat hujan',
      'Puskesmas kekurangan bidan',
    ]);
    expect((await cardsOnPage(laptopPage)).find((c) => c.text.startsWith('Air'))).toMatchObject({
      desa: '63.11.01.2003',
      bidang: 'infrastruktur',
    });
    const stored = await readStoredBoard(server.t.papan.store, BOARD);
    expect(stored.cards).toHaveLength(4);
  });

  test('a stock y-websocket client in Node adds a card through the shared model and the browser shows it', async () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(server.syncUrl, BOARD, doc, {
      WebSocketPolyfill: WS as unknown as typeof WebSocket,
      disableBc: true,
      params: { token: await server.token(BOARD, { name: 'Skrip' }) },
    });
    try {
      await waitFor(() => provider.synced, { timeoutMs: 10_000, what: 'stock client synced' });
      addCard(doc, {
        text: 'Kartu dari klien Node',
        desaKode: '63.11.01.2002',
        bidang: 'ekonomi',
        x: 200,
        y: 120,
        author: { id: 'node', name: 'Skrip' },
      });
      expect(await waitForCard(tabletPage, 'Kartu dari klien Node')).toMatchObject({
        desa: '63.11.01.2002',
        bidang: 'ekonomi',
      });
    } finally {
      provider.destroy();
    }
  });

  test('a reload keeps the board', async () => {
    await tabletPage.reload();
    await tabletPage.waitForSelector('[data-testid="board-canvas"][data-ready="true"]');
    await waitForCard(tabletPage, 'Air bersih sulit di musim kemarau');
    expect(await cardsOnPage(tabletPage)).toHaveLength(5);
    await screenshot(tabletPage, 'board-tablet.png');
  });

  test('every request the pages made went to the server origin', () => {
    const origin = new URL(server.url);
    const allowed = [origin.origin, `ws://${origin.host}`];
    const all = [...tablet.requests, ...laptop.requests];
    expect(all.length).toBeGreaterThan(10);
    const foreign = all.filter(
      (u) =>
        !u.startsWith('data:') &&
        !u.startsWith('blob:') &&
        !allowed.some((a) => u.startsWith(a + '/')),
    );
    expect(foreign).toEqual([]);
  });

  test('a reload while the server is down still shows the board from the tablet', async () => {
    await tabletPage.waitForTimeout(5_500); // the service worker has been told what to keep
    await server.close({ keepData: true });
    await tabletPage.reload();
    await tabletPage.waitForSelector('[data-testid="board-canvas"][data-ready="true"]');
    await waitForCard(tabletPage, 'Kartu dari klien Node');
    expect(await cardsOnPage(tabletPage)).toHaveLength(5);
    expect(await status(tabletPage)).toBe('offline');
    await screenshot(tabletPage, 'board-tablet-server-down.png');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WS from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DRAG_WRITE_INTERVAL_MS } from '../../client/binding/MoveBatcher';
import { boardMaps } from '../../shared/board/boardDoc';
import { addCard, createCluster } from '../../shared/board/boardModel';
import { waitFor } from '../helpers/waitFor';
import { bandOf, centerOf } from './support/boardActions';
import { launchChromium, newContext, openBoard } from './support/browser';
import { ensureClientBuilt, RESULTS_DIR } from './support/clientBuild';
import { startE2EPapan, type E2EPapan } from './support/papanServer';
import { TouchScreen } from './support/touch';

// Fingers, not a mouse: every gesture here is Input.dispatchTouchEvent on a hasTouch tablet.
const BOARD = 'e2e-lampihong';
const author = { id: 'seed', name: 'Peserta' };
let server: E2EPapan;
let browser: Browser;
let page: Page;
let touch: TouchScreen;
let clusterId: string;
let cardId: string;

const CARD_TEXT = 'Sumur kering tiap kemarau';
const CARD = `[data-testid="issue-card"][data-text="${CARD_TEXT}"]`;
const FRAME = '.tl-shape[data-shape-type="frame"]';
const cardVotes = (id: string) => `[data-testid="votes-card"][data-target="${id}"]`;

/** tldraw's zoom, as it writes it on its container for CSS. */
async function zoom(p: Page): Promise<number> {
  const value = await p.$eval('.tl-container', (el) =>
    (el as HTMLElement).style.getPropertyValue('--tl-zoom'),
  );
  return Number(value);
}

beforeAll(async () => {
  ensureClientBuilt();
  server = await startE2EPapan();
  browser = await launchChromium();
  ({ clusterId, cardId } = await server.t.papan.app.rooms.changeBoardDoc(BOARD, (doc) => {
    const k = createCluster(doc, { title: 'Air bersih', x: 520, y: 120, w: 560, h: 420 });
    const c = addCard(doc, {
      text: CARD_TEXT,
      desaKode: null,
      bidang: 'infrastruktur',
      x: 80,
      y: 160,
      author,
    });
    return { clusterId: k, cardId: c };
  }));
  const tablet = await newContext(browser, { tablet: true, name: 'Dewi' });
  page = await openBoard(tablet.context, await server.boardUrl(BOARD, 'Dewi'));
  await page.waitForSelector(CARD);
  touch = await TouchScreen.on(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a tablet used with fingers', () => {
  test('a finger drags a card into a cluster frame, and the server stores it there', async () => {
    const from = await bandOf(page, CARD);
    const to = await centerOf(page, FRAME);
    await touch.drag(from, to, { steps: 24, restMs: 500 });
    await page.waitForSelector(`${CARD}[data-cluster="${clusterId}"]`, { timeout: 15_000 });
    await waitFor(
      async () => {
        const board = await server.board(BOARD);
        return board.cards.find((c) => c.id === cardId)?.clusterId === clusterId ? true : null;
      },
      { timeoutMs: 10_000, what: 'the card stored in the cluster' },
    );
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'touch-card-in-cluster.png') });
  });

  test('others see a dragged card move at most every 100 ms, and exactly where the finger lifts', async () => {
    const doc = new Y.Doc();
    const observer = new WebsocketProvider(server.syncUrl, BOARD, doc, {
      WebSocketPolyfill: WS as unknown as typeof WebSocket,
      disableBc: true,
      params: { token: await server.token(BOARD, { name: 'Pengamat' }) },
    });
    try {
      await waitFor(() => observer.synced, { timeoutMs: 10_000, what: 'observer synced' });
      const card = () => boardMaps(doc).cards.get(cardId) as Y.Map<unknown>;
      const start = { x: Number(card().get('x')), y: Number(card().get('y')) };
      const seen: { x: number; y: number }[] = [];
      card().observe(() => seen.push({ x: Number(card().get('x')), y: Number(card().get('y')) }));
      const scale = await zoom(page);
      const from = await bandOf(page, CARD);
      const to = { x: from.x + 90, y: from.y + 60 };
      const moves = 60;
      const began = Date.now();
      await touch.drag(from, to, { steps: moves, stepMs: 16, restMs: 0 });
      const dragMs = Date.now() - began;
      // TouchScreen.drag ends with one more move to (to + 1) before lifting.
      const end = {
        x: start.x + (to.x + 1 - Math.round(from.x)) / scale,
        y: start.y + (to.y + 1 - Math.round(from.y)) / scale,
      };
      const last = await waitFor(
        () => {
          const at = seen.at(-1);
          return at && Math.abs(at.x - end.x) < 1.5 && Math.abs(at.y - end.y) < 1.5 ? at : null;
        },
        { timeoutMs: 10_000, what: 'the final position at the observer' },
      );
      expect((await server.board(BOARD)).cards.find((c) => c.id === cardId)).toMatchObject(last);
      // Live while the finger moves (more than the final write), but batched: one write per
      // interval at most (and the final one), not one per move.
      expect(seen.length).toBeGreaterThan(1);
      expect(seen.length).toBeLessThanOrEqual(Math.ceil(dragMs / DRAG_WRITE_INTERVAL_MS) + 2);
    } finally {
      observer.destroy();
      doc.destroy();
    }
  });

  test('two fingers spread to zoom in and pinch to zoom out', async () => {
    const center = { x: 640, y: 420 };
    const before = await zoom(page);
    await touch.pinch(center, 120, 420);
    await waitFor(async () => ((await zoom(page)) > before * 1.3 ? true : null), {
      timeoutMs: 10_000,
      what: 'zoomed in',
    });
    const zoomedIn = await zoom(page);
    await touch.pinch(center, 420, 120);
    await waitFor(async () => ((await zoom(page)) < zoomedIn / 1.3 ? true : null), {
      timeoutMs: 10_000,
      what: 'zoomed out',
    });
    // The board itself did not change: a pinch is not a drag.
    const board = await server.board(BOARD);
    expect(board.cards.find((c) => c.id === cardId)?.clusterId).toBe(clusterId);
  });

  test('in the Pilih phase a tap on "+" adds a dot and a long press takes it back', async () => {
    await server.control(BOARD, { phase: 'pilih', voteBudget: 3 });
    const plus = `${cardVotes(cardId)} [data-testid="vote-add"]`;
    await page.waitForSelector(plus, { timeout: 15_000 });
    await touch.tap(await centerOf(page, plus));
    await page.waitForSelector(`${cardVotes(cardId)}[data-mine="1"]`, { timeout: 10_000 });
    await touch.tap(await centerOf(page, plus));
    await page.waitForSelector(`${cardVotes(cardId)}[data-mine="2"]`, { timeout: 10_000 });
    await touch.longPress(await centerOf(page, plus), 900);
    await page.waitForSelector(`${cardVotes(cardId)}[data-mine="1"]`, { timeout: 10_000 });
    await waitFor(
      async () => {
        const board = await server.board(BOARD);
        return board.votes.find((v) => v.targetId === cardId)?.count === 1 ? true : null;
      },
      { timeoutMs: 10_000, what: 'one dot left on the card in the stored board' },
    );
    await page.screenshot({ path: path.join(RESULTS_DIR, 'touch-long-press-vote.png') });
  });
});

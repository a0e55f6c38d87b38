import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addCard } from '../../shared/board/boardModel';
import { waitFor } from '../helpers/waitFor';
import { launchChromium, newContext, openBoard } from './support/browser';
import { ensureClientBuilt } from './support/clientBuild';
import { startE2EPapan, type E2EPapan } from './support/papanServer';

/**
 * Issue 13 follow-up: a card brought back from "Kartu terhapus" comes back with its dots. The
 * server lets a tablet write only its own voter's dots, so the restorer's come back with the
 * card and every other voter's tablet puts back its own.
 */
let server: E2EPapan;
let browser: Browser;
const BOARD = 'e2e-tebing-tinggi';
const TEXT = 'Jembatan gantung putus dibawa banjir';

async function dots(): Promise<number[]> {
  const board = await server.board(BOARD);
  return board.votes.map((v) => v.count).sort((a, b) => a - b);
}

async function tapVote(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.tap('[data-testid="votes-card"] [data-testid="vote-add"]');
    await page.waitForTimeout(250);
  }
}

beforeAll(async () => {
  ensureClientBuilt();
  server = await startE2EPapan();
  browser = await launchChromium();
  await server.t.papan.app.rooms.changeBoardDoc(BOARD, (doc) => {
    addCard(doc, {
      text: TEXT,
      desaKode: null,
      bidang: 'infrastruktur',
      x: 200,
      y: 160,
      author: { id: 'ani', name: 'Ani' },
    });
  });
  await server.control(BOARD, { phase: 'pilih', voteBudget: 5 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('restoring a deleted card', () => {
  test("brings back the restorer's dots and, from their own tablet, everyone else's", async () => {
    const siti = await newContext(browser, { tablet: true, name: 'Siti' });
    const budi = await newContext(browser, { tablet: true, name: 'Budi' });
    const sitiPage = await openBoard(siti.context, await server.boardUrl(BOARD, 'Siti'));
    const budiPage = await openBoard(budi.context, await server.boardUrl(BOARD, 'Budi'));
    for (const page of [sitiPage, budiPage]) {
      await page.waitForSelector('[data-testid="vote-add"]', { timeout: 15_000 });
    }
    await tapVote(sitiPage, 2);
    await tapVote(budiPage, 1);
    await waitFor(async () => (await dots()).join() === '1,2', {
      what: 'two dots of Siti and one of Budi on the server',
      timeoutMs: 15_000,
    });

    // Budi deletes Ani's card (after the question); the dots go with it.
    const card = await budiPage.locator('[data-testid="issue-card"]').boundingBox();
    if (!card) throw new Error('no card');
    await budiPage.touchscreen.tap(card.x + 40, card.y + 70);
    await budiPage.tap('[data-testid="delete-selection"]');
    await budiPage.waitForSelector('[data-testid="delete-confirm"]');
    await budiPage.tap('[data-testid="sheet-save"]');
    await waitFor(async () => (await server.board(BOARD)).cards.length === 0, {
      what: 'the card deleted on the server',
      timeoutMs: 15_000,
    });
    expect(await dots()).toEqual([]);

    // Siti brings it back: her two dots at once, Budi's one from Budi's tablet.
    await sitiPage.tap('[data-testid="trash-open"]');
    await sitiPage.tap('[data-testid="trash-restore"]');
    await waitFor(async () => (await dots()).join() === '1,2', {
      what: 'all three dots back on the server',
      timeoutMs: 15_000,
    });
    expect((await server.board(BOARD)).cards.map((c) => c.text)).toEqual([TEXT]);
    for (const page of [sitiPage, budiPage]) {
      await page.waitForSelector('[data-testid="votes-card"][data-total="3"]', {
        timeout: 15_000,
      });
    }
    expect(await sitiPage.getAttribute('[data-testid="votes-card"]', 'data-mine')).toBe('2');
    expect(await budiPage.getAttribute('[data-testid="votes-card"]', 'data-mine')).toBe('1');
    await siti.context.close();
    await budi.context.close();
  });
});

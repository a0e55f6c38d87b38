import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addCard, createCluster } from '../../shared/board/boardModel';
import { waitFor } from '../helpers/waitFor';
import { addCardWithForm, cardsOnPage, waitForCard } from './support/boardActions';
import { launchChromium, newContext, openBoard, type RecordedContext } from './support/browser';
import { ensureClientBuilt, RESULTS_DIR } from './support/clientBuild';
import { startE2EPapan, type E2EPapan } from './support/papanServer';

let server: E2EPapan;
let browser: Browser;
let tablet: RecordedContext;
let laptop: RecordedContext;

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, name) });
}

function attr(page: Page, selector: string, name: string): Promise<string | null> {
  return page.getAttribute(selector, name);
}

const author = { id: 'seed', name: 'Peserta' };

beforeAll(async () => {
  ensureClientBuilt();
  server = await startE2EPapan({ seedDemo: true });
  browser = await launchChromium();
  tablet = await newContext(browser, { tablet: true, name: 'Siti' });
  laptop = await newContext(browser, { tablet: false, name: 'Budi' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the moderator controls the board on the tablet', () => {
  const BOARD = 'e2e-halong';
  let page: Page;

  test('a lock set through the API shows on the tablet, which then cannot add a card', async () => {
    page = await openBoard(tablet.context, await server.boardUrl(BOARD, 'Siti'));
    await page.waitForSelector('[data-testid="board-phase"][data-phase="tulis"]');
    await addCardWithForm(page, { text: 'Sebelum dikunci' }, { touch: true });

    await server.control(BOARD, { locked: true });
    await page.waitForSelector('[data-testid="board-locked"]');
    expect(await page.textContent('[data-testid="board-locked"]')).toContain('Papan dikunci');
    expect(await attr(page, '[data-testid="board-canvas"]', 'data-readonly')).toBe('true');
    expect(await page.$('[data-testid="add-card"]')).toBeNull();
    expect(await page.$('[data-testid="add-cluster"]')).toBeNull();
    expect(await page.$('[data-testid="suggest-clusters"]')).toBeNull();
    // The canvas refuses a delete too: the card stays.
    await page.tap('[data-testid="issue-card"][data-text="Sebelum dikunci"]', { force: true });
    await page.keyboard.press('Delete');
    await page.waitForTimeout(300);
    expect((await cardsOnPage(page)).map((c) => c.text)).toEqual(['Sebelum dikunci']);
    await screenshot(page, 'board-tablet-locked.png');
  });

  test('after unlock the tablet edits again and the server stores it', async () => {
    await server.control(BOARD, { locked: false });
    await page.waitForSelector('[data-testid="board-locked"]', { state: 'detached' });
    expect(await attr(page, '[data-testid="board-canvas"]', 'data-readonly')).toBe('false');
    await addCardWithForm(page, { text: 'Sesudah dibuka' }, { touch: true });
    await waitFor(
      async () => (await server.board(BOARD)).cards.some((c) => c.text === 'Sesudah dibuka'),
      { timeoutMs: 10_000, what: 'the card added after unlock stored' },
    );
    expect((await server.board(BOARD)).cards).toHaveLength(2);
  });

  test('the phase and a timer set through the API show on the board', async () => {
    await server.control(BOARD, { phase: 'kelompokkan', timerSeconds: 300 });
    await page.waitForSelector('[data-testid="board-phase"][data-phase="kelompokkan"]');
    expect(await page.textContent('[data-testid="board-phase"]')).toContain('Kelompokkan');
    await page.waitForSelector('[data-testid="board-timer"]');
    const left = Number(await attr(page, '[data-testid="board-timer"]', 'data-left-ms'));
    expect(left).toBeGreaterThan(290_000);
    expect(left).toBeLessThanOrEqual(301_000);
    expect(await page.textContent('[data-testid="board-timer"]')).toMatch(/Sisa waktu [45]:\d\d/);
    await screenshot(page, 'board-tablet-phase-timer.png');
    await server.control(BOARD, { phase: 'selesai', timerSeconds: null });
    await page.waitForSelector('[data-testid="board-timer"]', { state: 'detached' });
    // "Selesai" closes with thanks, not with "Papan dikunci oleh moderator".
    await page.waitForSelector('[data-testid="board-done"]');
    expect(await page.textContent('[data-testid="board-done"]')).toContain('Rembuk selesai');
    expect(await page.$('[data-testid="board-locked"]')).toBeNull();
    expect(await page.$('[data-testid="add-card"]')).toBeNull();
  });

  test('"Panggil fasilitator" reaches the server with the name and is confirmed', async () => {
    const calls: string[] = [];
    const stop = server.t.papan.app.rooms.onFacilitatorCall((call) => calls.push(call.name));
    try {
      await page.tap('[data-testid="call-facilitator"]');
      await page.waitForSelector('[data-testid="toast"]');
      expect(await page.textContent('[data-testid="toast"]')).toContain(
        'Fasilitator sudah dipanggil',
      );
      await waitFor(() => calls.includes('Siti'), { what: 'the call at the server' });
    } finally {
      stop();
    }
    await page.close();
  });
});

describe('dot votes in the Pilih phase', () => {
  const BOARD = 'e2e-awayan';
  let clusterId: string;
  let cardId: string;
  let onTablet: Page;
  let onLaptop: Page;

  beforeAll(async () => {
    ({ clusterId, cardId } = await server.t.papan.app.rooms.changeBoardDoc(BOARD, (doc) => {
      const k = createCluster(doc, { title: 'Jalan usaha tani', x: 100, y: 260, w: 600, h: 400 });
      const c = addCard(doc, {
        text: 'Jalan ke kebun karet berlumpur',
        desaKode: null,
        bidang: 'infrastruktur',
        x: 130,
        y: 340,
        author,
        clusterId: k,
      });
      addCard(doc, {
        text: 'Pupuk langka',
        desaKode: null,
        bidang: 'ekonomi',
        x: 760,
        y: 300,
        author,
      });
      return { clusterId: k, cardId: c };
    }));
    await server.control(BOARD, { phase: 'pilih', voteBudget: 3 });
    onTablet = await openBoard(tablet.context, await server.boardUrl(BOARD, 'Siti'));
    onLaptop = await openBoard(laptop.context, await server.boardUrl(BOARD, 'Budi'));
  });

  const sel = (kind: 'card' | 'cluster', id: string) =>
    `[data-testid="votes-${kind}"][data-target="${id}"]`;

  test('two people vote on the same cluster at once and both dots count', async () => {
    await onTablet.waitForSelector('[data-testid="votes-left"][data-left="3"]');
    expect(await onTablet.textContent('[data-testid="votes-left"]')).toBe('Sisa suara: 3');
    await Promise.all([
      onTablet.tap(`${sel('cluster', clusterId)} [data-testid="vote-add"]`),
      onLaptop.click(`${sel('cluster', clusterId)} [data-testid="vote-add"]`),
    ]);
    for (const p of [onTablet, onLaptop]) {
      await p.waitForSelector(`${sel('cluster', clusterId)}[data-total="2"][data-mine="1"]`, {
        timeout: 5000,
      });
      await p.waitForSelector('[data-testid="votes-left"][data-left="2"]');
    }
    const stored = await waitFor(
      async () => {
        const board = await server.board(BOARD);
        const on = board.votes.filter((v) => v.targetId === clusterId);
        return on.length === 2 ? on : null;
      },
      { timeoutMs: 10_000, what: 'both votes stored' },
    );
    expect(stored.map((v) => v.count)).toEqual([1, 1]);
    expect(new Set(stored.map((v) => v.voterId)).size).toBe(2);
  });

  test('dots on a card count against the same budget; minus takes one back; no dot past the budget', async () => {
    const add = `${sel('card', cardId)} [data-testid="vote-add"]`;
    await onTablet.tap(add);
    await onTablet.tap(add);
    await onTablet.waitForSelector(`${sel('card', cardId)}[data-mine="2"]`);
    await onTablet.waitForSelector('[data-testid="votes-left"][data-left="0"]');
    await onTablet.tap(add);
    await onTablet.waitForSelector('[data-testid="toast"]');
    expect(await onTablet.textContent('[data-testid="toast"]')).toContain('Suara Anda sudah habis');
    expect(await attr(onTablet, sel('card', cardId), 'data-mine')).toBe('2');
    await onLaptop.waitForSelector(`[data-testid="issue-card"][data-votes="2"]`);
    await screenshot(onTablet, 'board-tablet-voting.png');
    await onTablet.tap(`${sel('card', cardId)} [data-testid="vote-remove"]`);
    await onTablet.waitForSelector('[data-testid="votes-left"][data-left="1"]');
    await waitFor(
      async () => {
        const board = await server.board(BOARD);
        return board.votes.find((v) => v.targetId === cardId)?.count === 1 ? true : null;
      },
      { timeoutMs: 10_000, what: 'one dot taken back' },
    );

    // A long press on "+" takes a dot back instead of adding one.
    const plus = onLaptop.locator(`${sel('card', cardId)} [data-testid="vote-add"]`);
    await plus.click();
    await onLaptop.waitForSelector(`${sel('card', cardId)}[data-mine="1"]`);
    const box = await plus.boundingBox();
    if (!box) throw new Error('no + on the card');
    await onLaptop.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await onLaptop.mouse.down();
    await onLaptop.waitForTimeout(800);
    await onLaptop.mouse.up();
    await onLaptop.waitForSelector(`${sel('card', cardId)}[data-mine="0"]`);
    await onLaptop.waitForTimeout(200);
    expect(await attr(onLaptop, sel('card', cardId), 'data-mine')).toBe('0');
  });

  test('a locked board takes no votes', async () => {
    await server.control(BOARD, { locked: true });
    await onTablet.waitForSelector('[data-testid="board-locked"]');
    expect(await onTablet.$('[data-testid="vote-add"]')).toBeNull();
    expect(await onTablet.$('[data-testid="votes-left"]')).toBeNull();
    // The totals stay visible.
    expect(await attr(onTablet, sel('cluster', clusterId), 'data-total')).toBe('2');
    // And they are in the board's image: the cluster frame carries its dots.
    await onTablet.tap('[data-testid="export-image"]');
    const [svg] = await Promise.all([
      onTablet.waitForEvent('download'),
      onTablet.tap('[data-testid="export-svg"]'),
    ]);
    const file = path.join(RESULTS_DIR, 'board-export-votes.svg');
    await svg.saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('● 2 suara');
    expect(text).toContain('usaha');
    await server.control(BOARD, { locked: false });
  });

  test('deleting a cluster frame keeps its cards, unclustered', async () => {
    await onLaptop.waitForSelector('[data-testid="vote-add"]');
    const frame = onLaptop.locator(`.tl-shape[data-shape-type="frame"]`);
    const heading = onLaptop.locator('.tl-frame-heading').first();
    await heading.click();
    await onLaptop.keyboard.press('Delete');
    await frame.waitFor({ state: 'detached' });
    await waitForCard(onTablet, 'Jalan ke kebun karet berlumpur');
    const card = (await cardsOnPage(onTablet)).find((c) => c.text.startsWith('Jalan ke kebun'));
    expect(card?.cluster).toBe('');
    const board = await waitFor(
      async () => {
        const b = await server.board(BOARD);
        return b.clusters.length === 0 ? b : null;
      },
      { timeoutMs: 10_000, what: 'the cluster deleted in the stored board' },
    );
    expect(board.cards.map((c) => [c.text, c.clusterId]).sort()).toEqual([
      ['Jalan ke kebun karet berlumpur', null],
      ['Pupuk langka', null],
    ]);
    await onTablet.close();
    await onLaptop.close();
  });
});

describe('duplicates and suggestions on a board of sample cards', () => {
  const BOARD = 'demo-juai';
  let page: Page;

  test('a paraphrase of an existing card shows "Mirip dengan" and, in Pilih, +1 adds a dot instead of a card', async () => {
    // Before Pilih the same button adds support, not a dot (boardParticipant.test.ts).
    await server.control(BOARD, { phase: 'pilih' });
    page = await openBoard(tablet.context, await server.boardUrl(BOARD, 'Siti'));
    await page.waitForSelector('[data-testid="votes-left"]');
    const before = await server.board(BOARD);
    const target = before.cards.find((c) => c.text.startsWith('Harga karet anjlok'));
    expect(target).toBeDefined();
    await page.tap('[data-testid="add-card"]');
    await page.fill(
      '[data-testid="card-text"]',
      'harga karet turun, uang getah tidak cukup beli beras',
    );
    await page.waitForSelector('[data-testid="similar-card"]');
    const similar = await page.$$eval('[data-testid="similar-card"]', (els) =>
      els.map((el) => el.getAttribute('data-card')),
    );
    expect(similar).toContain(target?.id);
    await screenshot(page, 'board-tablet-duplicate-warning.png');
    await page.tap(
      `[data-testid="similar-card"][data-card="${target?.id}"] [data-testid="plus-one"]`,
    );
    await page.waitForSelector('[data-testid="card-form"]', { state: 'detached' });
    expect(await page.textContent('[data-testid="toast"]')).toContain('+1');
    const after = await waitFor(
      async () => {
        const b = await server.board(BOARD);
        return b.votes.some((v) => v.targetId === target?.id) ? b : null;
      },
      { timeoutMs: 10_000, what: 'the +1 stored' },
    );
    expect(after.cards).toHaveLength(before.cards.length);
    await server.control(BOARD, { phase: 'tulis' });
    await page.waitForSelector('[data-testid="votes-left"]', { state: 'detached' });
  });

  test('suggestions preview changes nothing; apply clusters the cards; one undo reverts it', async () => {
    const before = await server.board(BOARD);
    expect(before.clusters).toHaveLength(0);
    await page.tap('[data-testid="suggest-clusters"]');
    await page.waitForSelector('[data-testid="suggestion"]');
    const titles = await page.$$eval('[data-testid="suggestion-title"]', (els) =>
      els.map((el) => el.textContent ?? ''),
    );
    expect(titles.length).toBeGreaterThan(0);
    await screenshot(page, 'board-tablet-suggestions.png');
    await page.waitForTimeout(300);
    expect(await server.board(BOARD)).toEqual(before);

    // Leave the last suggestion out: only the chosen ones are applied.
    const checks = page.locator('[data-testid="suggestion-check"]');
    if ((await checks.count()) > 1) await checks.last().uncheck();
    const chosen = await page.$$eval(
      '[data-testid="suggestion-check"]:checked',
      (els) => els.length,
    );
    await page.tap('[data-testid="suggest-apply"]');
    await page.waitForSelector('[data-testid="suggest-sheet"]', { state: 'detached' });
    const applied = await waitFor(
      async () => {
        const b = await server.board(BOARD);
        return b.clusters.length > 0 ? b : null;
      },
      { timeoutMs: 10_000, what: 'suggested clusters stored' },
    );
    expect(applied.clusters.length).toBe(chosen);
    expect(applied.cards.filter((c) => c.clusterId !== null).length).toBeGreaterThan(1);
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="issue-card"]:not([data-cluster=""])').length > 1,
    );
    await page.waitForTimeout(400); // the camera moves to the new clusters
    await screenshot(page, 'board-tablet-suggestions-applied.png');

    await page.tap('[data-testid="undo"]');
    const undone = await waitFor(
      async () => {
        const b = await server.board(BOARD);
        return b.clusters.length === 0 ? b : null;
      },
      { timeoutMs: 10_000, what: 'one undo reverted the suggestions' },
    );
    expect(undone.cards.every((c) => c.clusterId === null)).toBe(true);
    expect(undone.cards.map((c) => [c.id, c.x, c.y])).toEqual(
      before.cards.map((c) => [c.id, c.x, c.y]),
    );
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="issue-card"]:not([data-cluster=""])').length === 0,
    );
  });

  test('the board downloads as PNG and SVG, fonts embedded, nothing fetched elsewhere', async () => {
    // Zoomed out until the cards draw their distant face (no text): the image still has it all.
    for (let i = 0; i < 8 && (await page.$('.issue-card--distant')) === null; i++) {
      await page.tap('[data-testid="zoom-out"]');
      await page.waitForTimeout(250);
    }
    expect(await page.$('.issue-card--distant')).not.toBeNull();
    await page.tap('[data-testid="export-image"]');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.tap('[data-testid="export-png"]'),
    ]);
    const pngPath = path.join(RESULTS_DIR, 'board-export.png');
    await png.saveAs(pngPath);
    expect(png.suggestedFilename()).toMatch(/^demo-juai-\d{4}-\d\d-\d\d\.png$/);
    const bytes = fs.readFileSync(pngPath);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20_000);

    await page.tap('[data-testid="export-image"]');
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.tap('[data-testid="export-svg"]'),
    ]);
    const svgPath = path.join(RESULTS_DIR, 'board-export.svg');
    await svg.saveAs(svgPath);
    const text = fs.readFileSync(svgPath, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('Harga karet anjlok');
    expect(text).toContain('class="issue-card__text"');
    expect(text).not.toContain('issue-card--distant');
    expect(text).toContain('@font-face');
    // Every url(...) in the image is inline data: the SVG never fetches anything.
    const urls = [...text.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1] ?? '');
    expect(urls.filter((u) => !u.startsWith('data:') && !u.startsWith('#'))).toEqual([]);
  });

  test('every request of this file stayed on the server origin', () => {
    const origin = new URL(server.url);
    const allowed = [origin.origin, `ws://${origin.host}`];
    const all = [...tablet.requests, ...laptop.requests];
    const foreign = all.filter(
      (u) =>
        !u.startsWith('data:') &&
        !u.startsWith('blob:') &&
        !allowed.some((a) => u.startsWith(a + '/')),
    );
    expect(foreign).toEqual([]);
  });
});

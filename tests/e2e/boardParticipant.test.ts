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
import { pinchOpen, touchDrag, touchHold } from './support/touch';

/**
 * Issue 13, "work lost, hidden or distorted": each test walks one of the seven things that
 * happened to first-time participants on a 1280x800 touch tablet, and fails if it happens again.
 */
let server: E2EPapan;
let browser: Browser;
let siti: RecordedContext;
let budi: RecordedContext;

type Box = { x: number; y: number; width: number; height: number };

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, name) });
}

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`no box for ${selector}`);
  return b;
}

const center = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const card = (text: string) => `[data-testid="issue-card"][data-text="${text}"]`;
const seedAuthor = { id: 'seed', name: 'Pak Rahmat' };

beforeAll(async () => {
  ensureClientBuilt();
  server = await startE2EPapan({ seedDemo: true });
  browser = await launchChromium();
  siti = await newContext(browser, { tablet: true, name: 'Siti' });
  budi = await newContext(browser, { tablet: true, name: 'Budi' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('issues: renamed with "Ubah isu", never cut by a menu under the finger', () => {
  const BOARD = 'e2e-paringin';
  const TITLE = 'Rendahnya kualitas jalan usaha tani yang menghubungkan desa ke pasar kecamatan';

  test('tapping the title twice and holding it opens no menu; "Ubah isu" renames; the whole title shows', async () => {
    await server.t.papan.app.rooms.changeBoardDoc(BOARD, (doc) => {
      const k = createCluster(doc, { title: TITLE, x: 100, y: 100, w: 640, h: 420 });
      addCard(doc, {
        text: 'Jalan ke kebun berlumpur',
        desaKode: null,
        bidang: 'infrastruktur',
        x: 140,
        y: 260,
        author: seedAuthor,
        clusterId: k,
      });
    });
    const page = await openBoard(siti.context, await server.boardUrl(BOARD, 'Siti'));
    await page.waitForSelector('[data-testid="issue-title"]');
    const titleAt = center(await box(page, '[data-testid="issue-title"]'));
    await page.touchscreen.tap(titleAt.x, titleAt.y);
    await page.waitForTimeout(250);
    await page.touchscreen.tap(titleAt.x, titleAt.y);
    // tldraw's own (invisible) heading above the frame: a second tap there too.
    const heading = await box(page, '.tl-frame-heading');
    await page.touchscreen.tap(heading.x + 20, heading.y + heading.height / 2);
    await page.waitForTimeout(250);
    await page.touchscreen.tap(heading.x + 20, heading.y + heading.height / 2);
    await touchHold(page, center(await box(page, '[data-testid="issue-title"]')), 900);
    await page.waitForTimeout(300);
    // tldraw's context menu ("Potong", "Hapus", ...) never opens.
    expect(await page.$$('.tlui-menu, [data-testid="context-menu"]')).toHaveLength(0);
    expect(await page.$$('.tl-shape[data-shape-type="frame"]')).toHaveLength(1);

    // The whole title is on the board, wrapped, not cut ("Renda...").
    const title = page.locator('[data-testid="issue-title"]');
    expect(await title.textContent()).toBe(TITLE);
    const clipped = await title.evaluate(
      (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
    );
    expect(clipped).toBe(false);
    await screenshot(page, 'board-issue-title.png');

    const edit = await box(page, '[data-testid="edit-issue"]');
    expect(edit.height).toBeGreaterThanOrEqual(44);
    await page.tap('[data-testid="edit-issue"]');
    await page.waitForSelector('[data-testid="cluster-form"]');
    expect(await page.inputValue('[data-testid="cluster-title"]')).toBe(TITLE);
    await page.fill('[data-testid="cluster-title"]', 'Jalan usaha tani rusak');
    await page.tap('[data-testid="sheet-save"]');
    await waitFor(
      async () =>
        (await server.board(BOARD)).clusters[0]?.title === 'Jalan usaha tani rusak' ? true : null,
      { timeoutMs: 10_000, what: 'the renamed issue stored' },
    );
    expect((await server.board(BOARD)).cards[0]?.clusterId).toBe(
      (await server.board(BOARD)).clusters[0]?.id,
    );
    await page.close();
  });
});

describe("the generic whiteboard chrome is gone; deleting another person's card asks and can be undone by anyone", () => {
  const BOARD = 'e2e-lampihong';

  test('no page menu, style panel, drawing tools, menus or second undo pair: only our buttons', async () => {
    const page = await openBoard(siti.context, await server.boardUrl(BOARD, 'Siti'));
    await page.waitForSelector('[data-testid="add-card"]');
    // tldraw keeps two: the keyboard's "skip to canvas" link and (without a licence key) its
    // watermark. Nothing else: no menus, tools, pages, style panel or undo pair.
    const tldrawButtons = await page.$$eval('.tl-container button', (els) =>
      els
        .filter((el) => el.closest('.tl-shape') === null)
        .filter((el) => !el.classList.contains('tl-skip-to-main-content'))
        .filter((el) => !(el.getAttribute('title') ?? '').includes('license'))
        .map((el) => el.textContent),
    );
    expect(tldrawButtons).toEqual([]);
    expect(
      await page.$$('.tlui-style-panel, .tlui-toolbar, .tlui-page-menu__trigger'),
    ).toHaveLength(0);
    // A double tap on the empty canvas makes no text shape either.
    const stage = await box(page, '.board-stage');
    await page.tap('.board-stage', { position: { x: stage.width / 2, y: stage.height / 2 } });
    await page.tap('.board-stage', { position: { x: stage.width / 2, y: stage.height / 2 } });
    await page.waitForTimeout(300);
    expect(await page.$$('.tl-shape[data-shape-type="text"]')).toHaveLength(0);
    await page.close();
  });

  test("deleting someone else's card asks first; after it, the author brings it back", async () => {
    const budiPage = await openBoard(budi.context, await server.boardUrl(BOARD, 'Budi'));
    await addCardWithForm(
      budiPage,
      { text: 'Sumur bor kering', desaKode: '63.11.05.2001', bidang: 'infrastruktur' },
      { touch: true },
    );
    const sitiPage = await openBoard(siti.context, await server.boardUrl(BOARD, 'Siti'));
    await waitForCard(sitiPage, 'Sumur bor kering');
    const tapCard = async () => {
      const b = await box(sitiPage, card('Sumur bor kering'));
      await sitiPage.touchscreen.tap(b.x + 30, b.y + 60);
    };
    await tapCard();
    await sitiPage.tap('[data-testid="delete-selection"]');
    await sitiPage.waitForSelector('[data-testid="delete-confirm"]');
    expect(await sitiPage.textContent('[data-testid="delete-confirm"]')).toContain('Budi');
    await screenshot(sitiPage, 'board-delete-confirm.png');
    await sitiPage.tap('[data-testid="sheet-cancel"]');
    await sitiPage.waitForTimeout(300);
    expect((await server.board(BOARD)).cards.map((c) => c.text)).toEqual(['Sumur bor kering']);

    // The keyboard's Delete goes through the same question.
    await tapCard();
    await sitiPage.keyboard.press('Delete');
    await sitiPage.waitForSelector('[data-testid="delete-confirm"]');
    await sitiPage.tap('[data-testid="sheet-save"]');
    await waitFor(async () => ((await server.board(BOARD)).cards.length === 0 ? true : null), {
      timeoutMs: 10_000,
      what: 'the card deleted',
    });

    // Budi (not the one who deleted it) brings it back from "Terhapus".
    await budiPage.waitForSelector('[data-testid="trash-open"]');
    await budiPage.tap('[data-testid="trash-open"]');
    await budiPage.waitForSelector('[data-testid="trash-item"]');
    expect(await budiPage.textContent('[data-testid="trash-item"]')).toContain('dihapus oleh Siti');
    await screenshot(budiPage, 'board-trash.png');
    await budiPage.tap('[data-testid="trash-restore"]');
    await waitForCard(sitiPage, 'Sumur bor kering');
    const restored = (await server.board(BOARD)).cards;
    expect(restored.map((c) => [c.text, c.desaKode, c.author.name])).toEqual([
      ['Sumur bor kering', '63.11.05.2001', 'Budi'],
    ]);
    await budiPage.close();
    await sitiPage.close();
  });
});

describe('new cards and issues land in free, visible space; frames grow to fit', () => {
  const BOARD = 'e2e-batu-mandi';

  test("five new cards and an issue land inside the canvas, over nothing, and a card dropped at a frame's edge is not cut", async () => {
    const page = await openBoard(siti.context, await server.boardUrl(BOARD, 'Siti'));
    for (let i = 1; i <= 5; i++) {
      await addCardWithForm(page, { text: `Kartu nomor ${i}` }, { touch: true });
    }
    const stage = await box(page, '.board-stage');
    // One snapshot of what the screen shows: every new card inside the canvas.
    const shown = await page.$$eval('[data-testid="issue-card"]', (els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    expect(shown).toHaveLength(5);
    for (const b of shown) expect(inside(b, stage), JSON.stringify(b)).toBe(true);
    // And where they are on the board: none on another.
    const stored = await waitFor(
      async () => {
        const cards = (await server.board(BOARD)).cards;
        return cards.length === 5 ? cards : null;
      },
      { timeoutMs: 10_000, what: 'five cards stored' },
    );
    const pageBoxes = stored.map((c) => ({ x: c.x, y: c.y, width: 240, height: 170 }));
    for (const [i, b] of pageBoxes.entries()) {
      for (const other of pageBoxes.slice(i + 1)) {
        expect(overlap(b, other), JSON.stringify([b, other])).toBe(false);
      }
    }
    await page.tap('[data-testid="add-cluster"]');
    await page.fill('[data-testid="cluster-title"]', 'Air bersih');
    await page.tap('[data-testid="sheet-save"]');
    await page.waitForSelector('.tl-shape[data-shape-type="frame"]');
    await page.waitForTimeout(400);
    // The camera may have moved to show the frame: measure everything again.
    const frame = await box(page, '.tl-shape[data-shape-type="frame"]');
    expect(inside(frame, stage)).toBe(true);
    for (let i = 1; i <= 5; i++) {
      expect(overlap(frame, await box(page, card(`Kartu nomor ${i}`)))).toBe(false);
    }
    await screenshot(page, 'board-free-space.png');

    // Drop a card so that it hangs over the frame's right edge: the frame grows around it.
    const before = (await server.board(BOARD)).clusters[0];
    if (!before) throw new Error('no cluster stored');
    await page.keyboard.press('Escape');
    const c1 = await box(page, card('Kartu nomor 1'));
    const grab = { x: c1.x + 40, y: c1.y + 12 };
    // The card's centre just inside the frame's right edge: most of the card hangs outside.
    const centre = { x: frame.x + frame.width - 20, y: frame.y + frame.height / 2 + 20 };
    const drop = { x: centre.x - c1.width / 2 + 40, y: centre.y - c1.height / 2 + 12 };
    await touchDrag(page, grab, drop);
    const grown = await waitFor(
      async () => {
        const b = await server.board(BOARD);
        const k = b.clusters[0];
        const c = b.cards.find((x) => x.text === 'Kartu nomor 1');
        return k && c?.clusterId === k.id && k.w > before.w ? { k, c } : null;
      },
      { timeoutMs: 10_000, what: 'the card in the grown frame' },
    );
    expect(grown.c.x + 240).toBeLessThanOrEqual(grown.k.x + grown.k.w);
    expect(grown.c.y + 170).toBeLessThanOrEqual(grown.k.y + grown.k.h);
    await page.close();
  });
});

describe('the card form starts with the desa chosen at the join', () => {
  test('join with a desa, "+ Kartu": the desa is already chosen and stored with the card', async () => {
    const code = (await server.t.papan.app.events.getBoard('e2e-tebing-tinggi'))?.joinCode ?? '';
    const page = await (await newContext(browser, { tablet: true })).context.newPage();
    await page.goto(`${server.url}/j/${code}`);
    await page.fill('[data-testid="join-name"]', 'Ani');
    await page.tap('[data-testid="join-submit"]');
    await page.waitForSelector('[data-testid="join-desa-step"]');
    const desa = await page.$eval(
      '[data-testid="join-desa"] option:nth-child(3)',
      (o) => (o as HTMLOptionElement).value,
    );
    await page.selectOption('[data-testid="join-desa"]', desa);
    await page.tap('[data-testid="join-enter"]');
    await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
      timeout: 30_000,
    });
    await page.tap('[data-testid="add-card"]');
    expect(await page.inputValue('[data-testid="card-desa"]')).toBe(desa);
    await page.fill('[data-testid="card-text"]', 'Bidan desa jarang datang');
    await page.tap('[data-testid="sheet-save"]');
    const stored = await waitFor(
      async () =>
        (await server.board('e2e-tebing-tinggi')).cards.find(
          (c) => c.text === 'Bidan desa jarang datang',
        ) ?? null,
      { timeoutMs: 10_000, what: 'the card stored' },
    );
    expect(stored.desaKode).toBe(desa);
    await page.close();
  });
});

describe('"+1" on a duplicate before Pilih is support, not a vote', () => {
  const BOARD = 'demo-halong';

  test('in Tulis the duplicate offers "Saya juga mengalami ini": no dot is spent, the card shows the supporter', async () => {
    const before = await server.board(BOARD);
    const target = before.cards[0];
    if (!target) throw new Error('demo board has no cards');
    const page = await openBoard(siti.context, await server.boardUrl(BOARD, 'Siti'));
    await page.tap('[data-testid="add-card"]');
    await page.fill('[data-testid="card-text"]', target.text);
    await page.waitForSelector(`[data-testid="similar-card"][data-card="${target.id}"]`);
    const plus = `[data-testid="similar-card"][data-card="${target.id}"] [data-testid="plus-one"]`;
    expect(await page.textContent(plus)).toBe('Saya juga mengalami ini');
    await page.tap(plus);
    await page.waitForSelector('[data-testid="card-form"]', { state: 'detached' });
    await page.waitForSelector(`[data-testid="issue-card"][data-supporters="1"]`);
    await page.waitForTimeout(500);
    const after = await server.board(BOARD);
    expect(after.votes).toEqual([]);
    expect(after.cards).toHaveLength(before.cards.length);

    // In Pilih the whole budget is there.
    await server.control(BOARD, { phase: 'pilih', voteBudget: 3 });
    await page.waitForSelector('[data-testid="votes-left"][data-left="3"]');
    await server.control(BOARD, { phase: 'tulis' });
    await page.close();
  });
});

describe('a vote counts on a completed tap, on targets of 44 px or more at any zoom', () => {
  const BOARD = 'e2e-paringin-selatan';
  let cardId = '';

  test('a drag that starts on "+" moves the card and spends nothing; a pinch there spends nothing; a tap spends one', async () => {
    cardId = await server.t.papan.app.rooms.changeBoardDoc(BOARD, (doc) =>
      addCard(doc, {
        text: 'Harga karet turun',
        desaKode: null,
        bidang: 'ekonomi',
        x: 300,
        y: 200,
        author: seedAuthor,
      }),
    );
    await server.control(BOARD, { phase: 'pilih', voteBudget: 3 });
    const page = await openBoard(siti.context, await server.boardUrl(BOARD, 'Siti'));
    const plus = `[data-testid="votes-card"][data-target="${cardId}"] [data-testid="vote-add"]`;
    await page.waitForSelector(plus);
    const b = await box(page, plus);
    expect(b.width).toBeGreaterThanOrEqual(44);
    expect(b.height).toBeGreaterThanOrEqual(44);

    await touchDrag(page, center(b), { x: center(b).x + 220, y: center(b).y + 60 });
    const moved = await waitFor(
      async () => {
        const c = (await server.board(BOARD)).cards.find((card) => card.id === cardId);
        return c && c.x > 380 ? c : null;
      },
      { timeoutMs: 10_000, what: 'the card moved by a drag that began on +' },
    );
    expect(moved.x).toBeGreaterThan(380);
    expect((await server.board(BOARD)).votes).toEqual([]);

    await pinchOpen(page, center(await box(page, plus)));
    await page.waitForTimeout(400);
    expect((await server.board(BOARD)).votes).toEqual([]);
    expect(await page.getAttribute('[data-testid="votes-left"]', 'data-left')).toBe('3');

    await page.tap(plus);
    await page.waitForSelector('[data-testid="votes-left"][data-left="2"]');
    await waitFor(async () => ((await server.board(BOARD)).votes[0]?.count === 1 ? true : null), {
      timeoutMs: 10_000,
      what: 'one vote stored',
    });
    await page.close();
  });

  test('zoomed out to see everything, every vote button is still 44 px or more, or voting goes to the list', async () => {
    const page = await openBoard(siti.context, await server.boardUrl(BOARD, 'Siti'));
    await page.waitForSelector('[data-testid="vote-add"]');
    for (let i = 0; i < 5; i++) {
      await page.tap('[data-testid="zoom-out"]');
      await page.waitForTimeout(250);
      const sizes = await page.$$eval(
        '[data-testid="vote-add"], [data-testid="vote-remove"]',
        (els) =>
          els.map((el) => {
            const r = el.getBoundingClientRect();
            return Math.min(r.width, r.height);
          }),
      );
      for (const s of sizes) expect(s).toBeGreaterThanOrEqual(44);
    }
    expect(await page.$$('[data-testid="vote-add"]')).toHaveLength(0);
    await screenshot(page, 'board-voting-zoomed-out.png');
    await page.tap('[data-testid="vote-list-open"]');
    const row = `[data-testid="vote-list-item"][data-target="${cardId}"]`;
    await page.waitForSelector(row);
    const add = await box(page, `${row} [data-testid="vote-list-add"]`);
    expect(Math.min(add.width, add.height)).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'board-vote-list.png');
    await page.tap(`${row} [data-testid="vote-list-add"]`);
    // A new tab has a new token, so a new voter: the earlier dot is someone else's.
    await page.waitForSelector(`${row}[data-mine="1"]`);
    await page.waitForSelector('[data-testid="votes-left"][data-left="2"]');
    await page.close();
  });
});

describe('undoing "Sarankan kelompok" brings the camera back', () => {
  test('after apply and undo, the cards are where the person saw them before', async () => {
    const BOARD = 'demo-juai';
    const page = await openBoard(siti.context, await server.boardUrl(BOARD, 'Siti'));
    await page.waitForSelector('[data-testid="issue-card"]');
    await page.waitForTimeout(400);
    const probe = (await cardsOnPage(page))[0]?.text;
    if (!probe) throw new Error('demo board has no cards');
    const seen = await box(page, card(probe));
    await page.tap('[data-testid="suggest-clusters"]');
    await page.waitForSelector('[data-testid="suggestion"]');
    await page.tap('[data-testid="suggest-apply"]');
    await page.waitForSelector('[data-testid="suggest-sheet"]', { state: 'detached' });
    await page.waitForTimeout(600);
    await page.tap('[data-testid="undo"]');
    await waitFor(async () => ((await server.board(BOARD)).clusters.length === 0 ? true : null), {
      timeoutMs: 10_000,
      what: 'the suggestion undone',
    });
    await page.waitForTimeout(600);
    const back = await box(page, card(probe));
    expect(Math.abs(back.x - seen.x)).toBeLessThan(3);
    expect(Math.abs(back.y - seen.y)).toBeLessThan(3);
    await screenshot(page, 'board-suggestion-undone.png');
    await page.close();
  });
});

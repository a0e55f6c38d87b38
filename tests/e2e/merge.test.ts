import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedContext } from './support/browser';
import {
  boardNow,
  clusterCards,
  foreignRequests,
  screenshot,
  startPagesHarness,
  type PagesHarness,
} from './pages/pagesHarness';

let h: PagesHarness;
let tablet: RecordedContext;
const SOURCES = ['demo-juai', 'demo-halong', 'demo-awayan'];
const RENAMED = 'Jalan desa rusak di banyak kecamatan';

beforeAll(async () => {
  h = await startPagesHarness();
  tablet = await h.tablet('Moderator Rina');
  for (const id of SOURCES) await clusterCards(h.t, id, 'Jalan desa rusak', 2);
  await clusterCards(h.t, 'demo-juai', 'Harga karet murah', 2);
  await clusterCards(h.t, 'demo-halong', 'Posyandu kekurangan kader', 2);
});

afterAll(async () => {
  await h?.close();
});

const issues = '[data-testid="merge-issue"]';

describe('merging kecamatan boards in the browser', () => {
  test('a moderator previews, renames, joins and splits, applies, and the merged board keeps every source', async () => {
    const page = await tablet.context.newPage();
    await page.goto(`${h.t.url}/m/demo/gabung?token=${h.moderatorToken}`);
    for (const id of SOURCES) await page.tap(`[data-testid="merge-board-${id}"]`);
    await page.tap('[data-testid="merge-preview"]');
    await page.waitForSelector(issues);

    // The same title in three kecamatan is one proposed kabupaten issue.
    const road = page.locator(issues, {
      has: page.locator('[data-testid="merge-member"]', { hasText: 'Kecamatan Awayan' }),
    });
    await expect.poll(() => road.locator('[data-testid="merge-member"]').count()).toBe(3);
    // Six clustered cards, plus any unclustered cards the plan found to fit.
    const counts = (await road.locator('[data-testid="merge-issue-counts"]').textContent()) ?? '';
    expect(counts).toMatch(/^\d+ kartu dari 3 kecamatan$/);
    expect(parseInt(counts, 10)).toBeGreaterThanOrEqual(6);
    await road.locator('[data-testid="merge-issue-title"]').fill(RENAMED);

    // Join the two single-kecamatan issues, then split one member out again.
    const count = await page.locator(issues).count();
    expect(count).toBeGreaterThanOrEqual(3);
    const others = page.locator(issues, {
      hasNot: page.locator('[data-testid="merge-member"]', { hasText: 'Kecamatan Awayan' }),
    });
    await others.nth(0).locator('[data-testid="merge-issue-select"]').check();
    await others.nth(1).locator('[data-testid="merge-issue-select"]').check();
    await page.tap('[data-testid="merge-join"]');
    await expect.poll(() => page.locator(issues).count()).toBe(count - 1);
    await screenshot(page, 'merge-preview.png', true);
    // The joined issue keeps the place of the first one.
    await others.nth(0).locator('[data-testid="merge-split"]').first().tap();
    await expect.poll(() => page.locator(issues).count()).toBe(count);
    // Regression: "Pisahkan" gave both halves the same title.
    const titles = await page
      .locator('[data-testid="merge-issue-title"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value.trim().toLowerCase()));
    expect(new Set(titles).size).toBe(titles.length);

    // Nothing changed on the server during the preview.
    expect(await h.t.papan.app.events.getBoard('demo-kabupaten')).toBeNull();

    await page.tap('[data-testid="merge-apply"]');
    await page.waitForSelector('[data-testid="merge-done"]');
    // The result comes into view (it sits below the plan, off a tablet's screen), and
    // "Terapkan" stays off until the plan changes, so a second tap cannot apply it twice.
    await expect
      .poll(() =>
        page.$eval('[data-testid="merge-done"]', (el) => {
          const box = el.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
    expect(await page.isDisabled('[data-testid="merge-apply"]')).toBe(true);
    await screenshot(page, 'merge-applied.png');
    await page.tap('[data-testid="merged-board-link"]');
    await page.waitForURL(/\/b\/demo-kabupaten$/);
    await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
      timeout: 30_000,
    });
    await page.waitForFunction((t) => document.body.innerText.includes(t), RENAMED, {
      timeout: 10_000,
    });
    await screenshot(page, 'merged-board.png');

    const merged = await boardNow(h.t, 'demo-kabupaten');
    const sourceCards = (await Promise.all(SOURCES.map((id) => boardNow(h.t, id)))).flatMap(
      (b) => b.cards,
    );
    expect(merged.cards.length).toBe(sourceCards.length);
    const road2 = merged.clusters.find((k) => k.title === RENAMED);
    expect(road2).toBeDefined();
    const roadCards = merged.cards.filter((c) => c.clusterId === road2?.id);
    expect(roadCards.length).toBeGreaterThanOrEqual(6);
    expect(new Set(roadCards.map((c) => c.source?.boardId))).toEqual(new Set(SOURCES));
    expect(merged.clusters).toHaveLength(count);

    const map = (await (
      await h.t.api('/api/events/demo/issue-map.json', { token: h.moderatorToken })
    ).json()) as {
      boards: { kind: string; issues: { title: string; provenance: { label: string } | null }[] }[];
    };
    const kabupaten = map.boards.find((b) => b.kind === 'merged');
    expect(kabupaten?.issues.find((i) => i.title === RENAMED)?.provenance?.label).toMatch(
      /^disebut oleh \d+ desa di 3 kecamatan$/,
    );
    await page.close();
  });

  test('every request of the merge pages stays on the server origin', () => {
    expect(foreignRequests(tablet.requests, h.t.url)).toEqual([]);
  });
});

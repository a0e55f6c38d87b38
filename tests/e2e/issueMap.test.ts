import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedContext } from './support/browser';
import {
  clusterCards,
  foreignRequests,
  screenshot,
  startPagesHarness,
  type PagesHarness,
} from './pages/pagesHarness';

let h: PagesHarness;
let tablet: RecordedContext;

beforeAll(async () => {
  h = await startPagesHarness();
  tablet = await h.tablet();
  // A kabupaten board to show: the same issue clustered in two kecamatan, merged over the API.
  await clusterCards(h.t, 'demo-juai', 'Jalan desa rusak', 3);
  await clusterCards(h.t, 'demo-halong', 'Jalan desa rusak', 2);
  const boardIds = ['demo-juai', 'demo-halong'];
  const plan = (await (
    await h.t.api('/api/events/demo/merge/plan', { token: h.moderatorToken, body: { boardIds } })
  ).json()) as { plan: unknown };
  const applied = await h.t.api('/api/events/demo/merge/apply', {
    token: h.moderatorToken,
    body: { boardIds, plan: plan.plan },
  });
  expect(applied.status).toBe(200);
});

afterAll(async () => {
  await h?.close();
});

describe('the issue map page', () => {
  test('shows the heat table, bars, top issues, kabupaten issues and a drill-down to a desa', async () => {
    const page = await tablet.context.newPage();
    await page.goto(`${h.t.url}/e/demo/peta?token=${h.moderatorToken}`);
    await page.waitForSelector('[data-testid="heat-table"]');
    // 8 kecamatan rows; the total row is in tfoot.
    expect(await page.$$eval('[data-testid="heat-table"] tbody tr', (r) => r.length)).toBe(8);
    expect(
      await page.$$eval('[data-testid="bidang-bars"] li', (r) => r.length),
    ).toBeGreaterThanOrEqual(3);
    expect(await page.$$eval('[data-testid="top-issues"] li', (r) => r.length)).toBeGreaterThan(0);
    const label = await page.textContent('[data-testid="provenance-label"]');
    expect(label).toMatch(/^disebut oleh \d+ desa di 2 kecamatan$/);
    await screenshot(page, 'issue-map.png', true);

    await page.tap('[data-testid="drill-kecamatan"] >> text=Paringin');
    await page.waitForSelector('[data-testid="drill-desa"]');
    await page.tap('[data-testid="drill-desa"] >> nth=0');
    await page.waitForSelector('[data-testid="drill-problems"] li');
    await page.locator('[data-testid="drilldown"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'issue-map-drilldown.png');

    await page.selectOption('[data-testid="language"]', 'en');
    await page.waitForSelector('text=Strategic issue map');
    expect(await page.textContent('[data-testid="provenance-label"]')).toMatch(
      /^raised by \d+ villages in 2 sub-districts$/,
    );
    await page.close();
  });

  test('the printable HTML report renders in Chromium', async () => {
    const page = await tablet.context.newPage();
    // The token in the header, as the console sends it: never in the address.
    await page.setExtraHTTPHeaders({ Authorization: `Bearer ${h.staffToken}` });
    await page.goto(`${h.t.url}/api/events/demo/issue-map.html`);
    expect(await page.textContent('body')).toContain('Kecamatan Juai');
    await screenshot(page, 'issue-map-report.png', true);
    await page.close();
  });

  test('every request of the issue map pages stays on the server origin', () => {
    expect(foreignRequests(tablet.requests, h.t.url)).toEqual([]);
  });
});

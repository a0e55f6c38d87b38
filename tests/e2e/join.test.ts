import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitFor } from '../helpers/waitFor';
import type { RecordedContext } from './support/browser';
import {
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
});

afterAll(async () => {
  await h?.close();
});

async function submitJoin(page: Page): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/join')),
    page.tap('[data-testid="join-submit"]'),
  ]);
  return response.status();
}

describe('joining a board by its code', () => {
  test('the QR link prefills the code; name and desa land the participant on the right board, named in presence', async () => {
    const code = (await h.t.papan.app.events.getBoard('demo-halong'))?.joinCode ?? '';
    const page = await tablet.context.newPage();
    await page.goto(`${h.t.url}/j/${code}`);
    expect(await page.inputValue('[data-testid="join-code"]')).toBe(code);
    await page.fill('[data-testid="join-name"]', 'Siti (Halong)');
    await screenshot(page, 'join-page.png');
    expect(await submitJoin(page)).toBe(200);
    await page.waitForSelector('[data-testid="join-desa-step"]');
    const firstDesa = await page.$eval(
      '[data-testid="join-desa"] option:nth-child(2)',
      (o) => (o as HTMLOptionElement).value,
    );
    await page.selectOption('[data-testid="join-desa"]', firstDesa);
    await page.tap('[data-testid="join-enter"]');
    await page.waitForURL(/\/b\/demo-halong$/);
    await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
      timeout: 30_000,
    });
    // No name prompt: the board page reads the name the join page saved.
    expect(await page.$('[data-testid="name-prompt"]')).toBeNull();
    await waitFor(
      () => h.t.papan.app.rooms.presence('demo-halong').names.includes('Siti (Halong)'),
      {
        what: 'the participant in presence',
        timeoutMs: 15_000,
      },
    );
    await screenshot(page, 'join-landed-board.png');
    await page.close();
  });

  test('a code typed on the home page goes to the join form with the code filled in', async () => {
    const code = (await h.t.papan.app.events.getBoard('demo-juai'))?.joinCode ?? '';
    const page = await tablet.context.newPage();
    await page.goto(h.t.url);
    await page.fill('[data-testid="board-code"]', code.toLowerCase());
    await page.tap('button[type="submit"]');
    await page.waitForURL(new RegExp(`/j/${code}$`));
    expect(await page.inputValue('[data-testid="join-code"]')).toBe(code);
    await page.close();
  });

  test('a wrong code gets a clear message in Bahasa Indonesia, and repeated wrong codes are throttled with the wait shown', async () => {
    const page = await tablet.context.newPage();
    await page.goto(`${h.t.url}/j`);
    await page.fill('[data-testid="join-code"]', 'ZZZZZZ');
    await page.fill('[data-testid="join-name"]', 'Tamu');
    expect(await submitJoin(page)).toBe(404);
    const message = await page.textContent('[data-testid="join-error"]');
    expect(message).toContain('Kode papan tidak dikenal');
    let status = 404;
    for (let i = 0; i < 10 && status === 404; i++) status = await submitJoin(page);
    expect(status).toBe(429);
    await page.waitForSelector('[data-testid="join-error"][data-code="rate-limited"]');
    expect(await page.textContent('[data-testid="join-error"]')).toMatch(
      /Terlalu banyak percobaan\. Coba lagi dalam \d+ detik/,
    );
    expect(await page.isDisabled('[data-testid="join-submit"]')).toBe(true);
    await screenshot(page, 'join-throttled.png');
    await page.close();
  });

  test('every request of the join pages stays on the server origin', () => {
    expect(tablet.requests.length).toBeGreaterThan(0);
    expect(foreignRequests(tablet.requests, h.t.url)).toEqual([]);
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RecordedContext } from './support/browser';
import { startPagesHarness, type PagesHarness } from './pages/pagesHarness';

let h: PagesHarness;
let tablet: RecordedContext;

/** Records every CSP violation of every page of `context`, as the browser reports it to the page. */
async function recordViolations(context: RecordedContext): Promise<RecordedContext> {
  await context.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  return context;
}

beforeAll(async () => {
  h = await startPagesHarness();
  tablet = await recordViolations(await h.tablet());
});

afterAll(async () => {
  await h?.close();
});

/** Opens `path`, waits for `ready`, and returns the document's headers and what CSP refused. */
async function visit(path: string, ready: string) {
  const page: Page = await tablet.context.newPage();
  const consoleCsp: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleCsp.push(message.text());
  });
  const response = await page.goto(`${h.t.url}${path}`);
  await page.waitForSelector(ready, { timeout: 30_000 });
  // Let late work (fonts, workers, the sync socket, the service worker) run into the policy.
  await page.waitForTimeout(1500);
  const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  const headers = response?.headers() ?? {};
  await page.close();
  return { headers, violations: [...violations, ...consoleCsp] };
}

describe('security headers in Chromium', () => {
  const code = async () => (await h.t.papan.app.events.getBoard('demo-juai'))?.joinCode ?? '';
  const participant = async () =>
    (
      await h.t.papan.app.tokens.issue({
        role: 'participant',
        name: 'Siti',
        eventId: 'demo',
        boardId: 'demo-juai',
      })
    ).token;

  const pages: { name: string; path: () => string | Promise<string>; ready: string }[] = [
    { name: 'home', path: () => `/?token=${h.staffToken}`, ready: 'body' },
    { name: 'join', path: async () => `/j/${await code()}`, ready: '[data-testid="join-code"]' },
    {
      name: 'board',
      path: async () => `/b/demo-juai?token=${await participant()}`,
      ready: '[data-testid="board-canvas"][data-ready="true"]',
    },
    {
      name: 'console',
      path: () => `/m/demo?token=${h.moderatorToken}`,
      ready: '[data-testid="console"][data-connected="true"]',
    },
    {
      name: 'issue map',
      path: () => `/e/demo/peta?token=${h.moderatorToken}`,
      ready: '[data-testid="heat-table"]',
    },
    {
      name: 'merge',
      path: () => `/m/demo/gabung?token=${h.moderatorToken}`,
      ready: 'body',
    },
    {
      name: 'printable report',
      path: () => `/api/events/demo/issue-map.html?token=${h.staffToken}`,
      ready: 'body',
    },
    {
      name: 'QR sheet',
      path: () => `/api/events/demo/qr-sheet?token=${h.moderatorToken}`,
      ready: '.qr svg',
    },
  ];

  for (const { name, path, ready } of pages) {
    test(`the ${name} page works under its policy, cannot be framed and is not sniffed`, async () => {
      const { headers, violations } = await visit(await path(), ready);
      expect(violations).toEqual([]);
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
    });
  }

  test('the board exports PNG and SVG under the policy (data: and blob: images, embedded fonts)', async () => {
    // A named tablet: the board opens without asking for a name.
    const named = await recordViolations(await h.tablet('Siti'));
    const page = await named.context.newPage();
    const consoleCsp: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) consoleCsp.push(message.text());
    });
    await page.goto(`${h.t.url}/b/demo-juai?token=${await participant()}`);
    await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
      timeout: 30_000,
    });
    for (const format of ['png', 'svg']) {
      await page.tap('[data-testid="export-image"]');
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.tap(`[data-testid="export-${format}"]`),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
    }
    const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect([...violations, ...consoleCsp]).toEqual([]);
    await page.close();
  });
});

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with every background service that phones home switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface RecordedContext {
  context: BrowserContext;
  /** Every URL the pages and service workers of this context asked for (http and ws). */
  requests: string[];
}

/** A browser context: a touch tablet (1280x800, hasTouch) or a laptop; records its requests. */
export async function newContext(
  browser: Browser,
  opts: { tablet: boolean; name?: string },
): Promise<RecordedContext> {
  const context = await browser.newContext(
    opts.tablet
      ? {
          viewport: { width: 1280, height: 800 },
          hasTouch: true,
          isMobile: false,
          deviceScaleFactor: 1,
        }
      : { viewport: { width: 1440, height: 900 } },
  );
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (page) => page.on('websocket', (ws) => requests.push(ws.url())));
  if (opts.name !== undefined) {
    const name = opts.name;
    await context.addInitScript((n: string) => {
      if (!localStorage.getItem('papan.name')) localStorage.setItem('papan.name', n);
    }, name);
  }
  return { context, requests };
}

/** Opens a board and waits until the canvas is bound to the doc. */
export async function openBoard(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('websocket', (ws) => void ws);
  await page.goto(url);
  await page.waitForSelector('[data-testid="board-canvas"][data-ready="true"]', {
    timeout: 30_000,
  });
  return page;
}

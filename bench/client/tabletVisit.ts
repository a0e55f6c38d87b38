import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** The hall as the issue measures it: a cheap tablet (4x slower CPU) on a 10 Mbit/s WiFi. */
export interface HallConditions {
  cpuSlowdown: number;
  downMbps: number;
  upMbps: number;
  latencyMs: number;
}

export const HALL: HallConditions = { cpuSlowdown: 4, downMbps: 10, upMbps: 10, latencyMs: 30 };

/** Bytes a page received: as sent over the wire (headers included) and decoded. */
export interface PageBytes {
  transferred: number;
  decoded: number;
  requests: number;
}

/** Counts what the page's own requests and websockets bring in (not the service worker's). */
export class ByteCounter {
  private readonly encoded = new Map<string, number>();
  private readonly decodedById = new Map<string, number>();
  private wsBytes = 0;

  constructor(cdp: CDPSession) {
    cdp.on('Network.dataReceived', (e) => {
      this.decodedById.set(e.requestId, (this.decodedById.get(e.requestId) ?? 0) + e.dataLength);
    });
    cdp.on('Network.loadingFinished', (e) => this.encoded.set(e.requestId, e.encodedDataLength));
    cdp.on('Network.webSocketFrameReceived', (e) => {
      // Binary frames (y-websocket) arrive base64-encoded in the protocol.
      const data = e.response.payloadData;
      this.wsBytes += e.response.opcode === 2 ? Math.floor((data.length * 3) / 4) : data.length;
    });
  }

  snapshot(): PageBytes {
    let transferred = this.wsBytes;
    let decoded = this.wsBytes;
    for (const [id, bytes] of this.encoded) {
      transferred += bytes;
      decoded += this.decodedById.get(id) ?? 0;
    }
    return { transferred, decoded, requests: this.encoded.size };
  }
}

/** A fresh tablet (1280x800, touch, empty cache) whose page runs under the given conditions. */
export async function newTablet(
  browser: Browser,
  conditions: HallConditions,
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession; bytes: ByteCounter }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
    isMobile: false,
    deviceScaleFactor: 1,
  });
  await context.addInitScript(() => {
    if (!localStorage.getItem('papan.name')) localStorage.setItem('papan.name', 'Pengukur');
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: conditions.latencyMs,
    downloadThroughput: (conditions.downMbps * 1e6) / 8,
    uploadThroughput: (conditions.upMbps * 1e6) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: conditions.cpuSlowdown });
  const bytes = new ByteCounter(cdp);
  return { context, page, cdp, bytes };
}

/** Navigates and times until `usable` resolves; bytes are counted up to that moment. */
export async function timeToUsable(
  page: Page,
  bytes: ByteCounter,
  url: string,
  usable: (page: Page) => Promise<void>,
): Promise<{ ms: number; bytes: PageBytes }> {
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await usable(page);
  const ms = performance.now() - started;
  return { ms, bytes: bytes.snapshot() };
}

/** The join page can be used: its form is drawn (React has run). */
export async function joinPageUsable(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="join-name"]', { timeout: 120_000 });
}

/** The board can be used: every shape is on the canvas and "+ Kartu" answers a tap. */
export function boardUsable(shapes: number): (page: Page) => Promise<void> {
  return async (page) => {
    await page.waitForFunction(
      (n) => {
        const el = document.querySelector('[data-testid="board-canvas"][data-ready="true"]');
        return el !== null && Number(el.getAttribute('data-shapes')) >= n;
      },
      shapes,
      { timeout: 120_000, polling: 100 },
    );
    await page.tap('[data-testid="add-card"]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="card-form"]', { timeout: 120_000 });
  };
}

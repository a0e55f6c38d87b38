import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { createCluster, setCardCluster } from '../../../shared/board/boardModel';
import { readBoard } from '../../../shared/board/readBoard';
import type { Board } from '../../../shared/board/types';
import { startTestPapan, TEST_ADMIN_TOKEN, type TestPapan } from '../../helpers/testPapan';
import { launchChromium, newContext, type RecordedContext } from '../support/browser';
import { ensureClientBuilt, RESULTS_DIR } from '../support/clientBuild';

/** One server with the demo event, one Chromium and tokens: what each page test needs. */
export interface PagesHarness {
  t: TestPapan;
  browser: Browser;
  staffToken: string;
  moderatorToken: string;
  /** A recorded tablet context (1280x800, touch). */
  tablet(name?: string): Promise<RecordedContext>;
  close(): Promise<void>;
}

/** Builds the client if stale, starts the app on 127.0.0.1:0 with a temp DATA_DIR, and Chromium. */
export async function startPagesHarness(): Promise<PagesHarness> {
  ensureClientBuilt();
  const t = await startTestPapan();
  const browser = await launchChromium();
  const moderatorToken = (
    await t.papan.app.tokens.issue({
      role: 'moderator',
      name: 'Moderator Rina',
      eventId: 'demo',
    })
  ).token;
  const contexts: RecordedContext[] = [];
  return {
    t,
    browser,
    staffToken: TEST_ADMIN_TOKEN,
    moderatorToken,
    async tablet(name) {
      const c = await newContext(browser, { tablet: true, ...(name ? { name } : {}) });
      contexts.push(c);
      return c;
    },
    async close() {
      await browser.close().catch(() => {});
      await t.close();
    },
  };
}

/** Saves a screenshot under test-results/ (a CI artifact) and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Every recorded request that left the server's origin (http, ws, blob of another origin). */
export function foreignRequests(requests: readonly string[], serverUrl: string): string[] {
  const origin = new URL(serverUrl).origin;
  const wsOrigin = origin.replace(/^http/, 'ws');
  return requests.filter(
    (u) =>
      !(
        u.startsWith(`${origin}/`) ||
        u.startsWith(`${wsOrigin}/`) ||
        u.startsWith(`blob:${origin}/`) ||
        u.startsWith('data:')
      ),
  );
}

/** The board as the server holds it now (live room or store). */
export function boardNow(t: TestPapan, boardId: string): Promise<Board> {
  return t.papan.app.rooms.withBoardDoc(boardId, (doc: Y.Doc) => readBoard(doc).board);
}

/**
 * Groups the first `count` unclustered cards of a board into a new cluster titled `title`,
 * through the server (stored and broadcast like any update). Returns the cluster id.
 */
export async function clusterCards(
  t: TestPapan,
  boardId: string,
  title: string,
  count: number,
): Promise<string> {
  const board = await boardNow(t, boardId);
  const cards = board.cards.filter((c) => c.clusterId === null).slice(0, count);
  return t.papan.app.rooms.changeBoardDoc(boardId, (doc) => {
    const id = createCluster(doc, {
      title,
      x: 0,
      y: 2000 + board.clusters.length * 700,
      w: 600,
      h: 500,
    });
    for (const card of cards) setCardCluster(doc, card.id, id);
    return id;
  });
}

import type { Page } from 'playwright-core';

export interface CardOnPage {
  text: string;
  desa: string;
  bidang: string;
  cluster: string;
}

/** The issue cards the page renders, read from their DOM (what a person sees). */
export function cardsOnPage(page: Page): Promise<CardOnPage[]> {
  return page.$$eval('[data-testid="issue-card"]', (els) =>
    els.map((el) => ({
      text: el.getAttribute('data-text') ?? '',
      desa: el.getAttribute('data-desa') ?? '',
      bidang: el.getAttribute('data-bidang') ?? '',
      cluster: el.getAttribute('data-cluster') ?? '',
    })),
  );
}

/** Waits until a card with this text is on the page and returns it. */
export async function waitForCard(page: Page, text: string, timeout = 15_000): Promise<CardOnPage> {
  await page.waitForFunction(
    (t) =>
      Array.from(document.querySelectorAll('[data-testid="issue-card"]')).some(
        (el) => el.getAttribute('data-text') === t,
      ),
    text,
    { timeout },
  );
  const card = (await cardsOnPage(page)).find((c) => c.text === text);
  if (!card) throw new Error(`card ${text} vanished`);
  return card;
}

/** Adds a card with the big "+ Kartu" button and the form; taps when the page has touch. */
export async function addCardWithForm(
  page: Page,
  card: { text: string; desaKode?: string; bidang?: string },
  opts: { touch?: boolean } = {},
): Promise<void> {
  const press = async (selector: string) => {
    if (opts.touch) await page.tap(selector);
    else await page.click(selector);
  };
  await press('[data-testid="add-card"]');
  await page.fill('[data-testid="card-text"]', card.text);
  if (card.desaKode) await page.selectOption('[data-testid="card-desa"]', card.desaKode);
  if (card.bidang) await press(`[data-testid="card-bidang-${card.bidang}"]`);
  await press('[data-testid="sheet-save"]');
  await page.waitForSelector('[data-testid="card-form"]', { state: 'detached' });
}

/** Centre of the element matching a selector, in viewport pixels. */
export async function centerOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no box for ${selector}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A point on the coloured band at the top of an element (not covered by a card added later). */
export async function bandOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`no box for ${selector}`);
  return { x: box.x + 24, y: box.y + 10 };
}

/** Drags with the mouse from one point to another in small steps (as a hand would). */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  // tldraw decides the drop target after the pointer rests over it for a moment.
  await page.waitForTimeout(400);
  await page.mouse.move(to.x + 2, to.y + 2, { steps: 2 });
  await page.waitForTimeout(300);
  await page.mouse.up();
}

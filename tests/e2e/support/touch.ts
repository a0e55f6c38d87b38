import type { Page } from 'playwright-core';

type Point = { x: number; y: number };

/** Raw touch events through the DevTools protocol: what a finger does, moves and pinches too. */
async function touch(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const send = (type: string, points: (Point & { id: number })[]) =>
    cdp.send('Input.dispatchTouchEvent', {
      type: type as 'touchStart',
      touchPoints: points.map((p) => ({ x: p.x, y: p.y, id: p.id, radiusX: 4, radiusY: 4 })),
    });
  return { send, detach: () => cdp.detach() };
}

/** One finger down at `from`, moved in steps to `to`, lifted: a drag on a touch screen. */
export async function touchDrag(page: Page, from: Point, to: Point, steps = 14): Promise<void> {
  const t = await touch(page);
  await t.send('touchStart', [{ ...from, id: 1 }]);
  for (let i = 1; i <= steps; i++) {
    await t.send('touchMove', [
      {
        x: from.x + ((to.x - from.x) * i) / steps,
        y: from.y + ((to.y - from.y) * i) / steps,
        id: 1,
      },
    ]);
    await page.waitForTimeout(20);
  }
  await page.waitForTimeout(150);
  await t.send('touchEnd', []);
  await t.detach();
}

/** Two fingers: the first lands on `first`, the second beside it, then they spread apart. */
export async function pinchOpen(page: Page, first: Point, spread = 120): Promise<void> {
  const t = await touch(page);
  const second = { x: first.x + 40, y: first.y + 40 };
  await t.send('touchStart', [{ ...first, id: 1 }]);
  await page.waitForTimeout(30);
  await t.send('touchStart', [
    { ...first, id: 1 },
    { ...second, id: 2 },
  ]);
  for (let i = 1; i <= 10; i++) {
    const d = (spread * i) / 10;
    await t.send('touchMove', [
      { x: first.x - d / 2, y: first.y - d / 2, id: 1 },
      { x: second.x + d / 2, y: second.y + d / 2, id: 2 },
    ]);
    await page.waitForTimeout(20);
  }
  await t.send('touchEnd', []);
  await t.detach();
}

/** A finger held still on a point for `ms`, then lifted. */
export async function touchHold(page: Page, at: Point, ms: number): Promise<void> {
  const t = await touch(page);
  await t.send('touchStart', [{ ...at, id: 1 }]);
  await page.waitForTimeout(ms);
  await t.send('touchEnd', []);
  await t.detach();
}

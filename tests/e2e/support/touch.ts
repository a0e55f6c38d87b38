import type { CDPSession, Page } from 'playwright-core';

/** A point in viewport pixels. */
export interface Point {
  x: number;
  y: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Real touch input through Chromium's DevTools protocol (`Input.dispatchTouchEvent`): the page
 * gets touchstart/touchmove/touchend and pointer events of type "touch", as from a tablet's
 * screen. The context must have `hasTouch`. Fingers are numbered from 1.
 */
export class TouchScreen {
  private constructor(private readonly cdp: CDPSession) {}

  static async on(page: Page): Promise<TouchScreen> {
    return new TouchScreen(await page.context().newCDPSession(page));
  }

  /** One raw touch event with these fingers down (numbered by their place in `points`). */
  async send(
    type: 'touchStart' | 'touchMove' | 'touchEnd',
    points: readonly Point[],
  ): Promise<void> {
    await this.cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map((p, i) => ({
        x: Math.round(p.x),
        y: Math.round(p.y),
        id: i + 1,
        radiusX: 6,
        radiusY: 6,
        force: 1,
      })),
    });
  }

  /** One finger down, held `holdMs`, lifted: a long press (tldraw's is 500 ms). */
  async longPress(at: Point, holdMs = 800): Promise<void> {
    await this.send('touchStart', [at]);
    await sleep(holdMs);
    await this.send('touchEnd', []);
  }

  /** A quick tap. */
  async tap(at: Point): Promise<void> {
    await this.send('touchStart', [at]);
    await sleep(40);
    await this.send('touchEnd', []);
  }

  /**
   * One finger drags from `from` to `to` in `steps` moves `stepMs` apart (a hand moves at about
   * 60 Hz), rests `restMs` over the target (tldraw picks a drop target after a short rest) and
   * lifts. Returns when the finger is up.
   */
  async drag(
    from: Point,
    to: Point,
    {
      steps = 20,
      stepMs = 16,
      restMs = 400,
    }: { steps?: number; stepMs?: number; restMs?: number } = {},
  ): Promise<void> {
    await this.send('touchStart', [from]);
    await sleep(stepMs);
    for (let i = 1; i <= steps; i++) {
      const t = i / steps;
      await this.send('touchMove', [
        { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t },
      ]);
      await sleep(stepMs);
    }
    await sleep(restMs);
    await this.send('touchMove', [{ x: to.x + 1, y: to.y + 1 }]);
    await sleep(stepMs);
    await this.send('touchEnd', []);
  }

  /**
   * Two fingers on either side of `center`, `fromGap` apart, move until they are `toGap` apart:
   * a spread (zoom in) when `toGap` > `fromGap`, a pinch (zoom out) otherwise.
   */
  async pinch(
    center: Point,
    fromGap: number,
    toGap: number,
    { steps = 12, stepMs = 16 }: { steps?: number; stepMs?: number } = {},
  ): Promise<void> {
    const fingers = (gap: number): Point[] => [
      { x: center.x - gap / 2, y: center.y },
      { x: center.x + gap / 2, y: center.y },
    ];
    await this.send('touchStart', fingers(fromGap));
    await sleep(stepMs);
    for (let i = 1; i <= steps; i++) {
      await this.send('touchMove', fingers(fromGap + ((toGap - fromGap) * i) / steps));
      await sleep(stepMs);
    }
    await this.send('touchEnd', []);
  }

  async detach(): Promise<void> {
    await this.cdp.detach();
  }
}

// Gesture helpers as plain functions, used by the participant-mode tests.

/** Runs `gesture` on a fresh TouchScreen of `page` and detaches it afterwards. */
async function withTouch(page: Page, gesture: (touch: TouchScreen) => Promise<void>) {
  const touch = await TouchScreen.on(page);
  try {
    await gesture(touch);
  } finally {
    await touch.detach();
  }
}

/** One finger down at `from`, moved in steps to `to`, lifted: a drag on a touch screen. */
export function touchDrag(page: Page, from: Point, to: Point, steps = 14): Promise<void> {
  return withTouch(page, async (touch) => {
    await touch.send('touchStart', [from]);
    for (let i = 1; i <= steps; i++) {
      await touch.send('touchMove', [
        { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps },
      ]);
      await page.waitForTimeout(20);
    }
    await page.waitForTimeout(150);
    await touch.send('touchEnd', []);
  });
}

/** Two fingers: the first lands on `first`, the second beside it, then they spread apart. */
export function pinchOpen(page: Page, first: Point, spread = 120): Promise<void> {
  return withTouch(page, async (touch) => {
    const second = { x: first.x + 40, y: first.y + 40 };
    await touch.send('touchStart', [first]);
    await page.waitForTimeout(30);
    await touch.send('touchStart', [first, second]);
    for (let i = 1; i <= 10; i++) {
      const d = (spread * i) / 10;
      await touch.send('touchMove', [
        { x: first.x - d / 2, y: first.y - d / 2 },
        { x: second.x + d / 2, y: second.y + d / 2 },
      ]);
      await page.waitForTimeout(20);
    }
    await touch.send('touchEnd', []);
  });
}

/** A finger held still on a point for `ms`, then lifted. */
export function touchHold(page: Page, at: Point, ms: number): Promise<void> {
  return withTouch(page, async (touch) => {
    await touch.send('touchStart', [at]);
    await page.waitForTimeout(ms);
    await touch.send('touchEnd', []);
  });
}

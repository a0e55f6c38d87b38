/** A cluster frame's box in page coordinates. */
export interface FrameBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The cluster a card belongs to when its centre is at `point`: the smallest frame containing
 * the point (a small frame drawn over a big one wins), or null when it is in none.
 */
export function clusterAt(
  point: { x: number; y: number },
  frames: readonly FrameBox[],
): string | null {
  let best: FrameBox | null = null;
  for (const f of frames) {
    const inside = point.x >= f.x && point.x <= f.x + f.w && point.y >= f.y && point.y <= f.y + f.h;
    if (inside && (best === null || f.w * f.h < best.w * best.h)) best = f;
  }
  return best?.id ?? null;
}

/**
 * Where new cluster frames and the cards inside them go, for suggestions and merges. Card size
 * mirrors client/binding/cardShapeProps.ts (240 x 170); it should move to shared/ so both read it.
 */
export const LAYOUT_CARD_WIDTH = 240;
export const LAYOUT_CARD_HEIGHT = 170;
export const LAYOUT_GAP = 24;
/** Room at the top of a frame for its title. */
export const LAYOUT_FRAME_HEADER = 48;

/** A frame's size for `count` cards in rows of `columns`. */
export function frameSize(count: number, columns = 3): { w: number; h: number } {
  const cols = Math.max(1, Math.min(columns, count));
  const rows = Math.max(1, Math.ceil(count / cols));
  return {
    w: cols * LAYOUT_CARD_WIDTH + (cols + 1) * LAYOUT_GAP,
    h: LAYOUT_FRAME_HEADER + rows * LAYOUT_CARD_HEIGHT + (rows + 1) * LAYOUT_GAP,
  };
}

/** Page position of the `index`-th card in a frame at (x, y). */
export function cardSlot(
  frame: { x: number; y: number },
  index: number,
  columns = 3,
): { x: number; y: number } {
  const col = index % columns;
  const row = Math.floor(index / columns);
  return {
    x: frame.x + LAYOUT_GAP + col * (LAYOUT_CARD_WIDTH + LAYOUT_GAP),
    y: frame.y + LAYOUT_FRAME_HEADER + LAYOUT_GAP + row * (LAYOUT_CARD_HEIGHT + LAYOUT_GAP),
  };
}

/** The right edge of everything on a board, so new frames never cover existing work. */
export function rightEdge(
  cards: readonly { x: number }[],
  frames: readonly { x: number; w: number }[],
): number {
  let edge = 0;
  for (const c of cards) edge = Math.max(edge, c.x + LAYOUT_CARD_WIDTH);
  for (const f of frames) edge = Math.max(edge, f.x + f.w);
  return edge;
}

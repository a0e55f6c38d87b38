import {
  frameSize,
  LAYOUT_CARD_HEIGHT,
  LAYOUT_CARD_WIDTH,
  LAYOUT_GAP,
} from '../similarity/frameLayout';

/** Kabupaten issue frames per row on a merged board. */
export const FRAMES_PER_ROW = 3;

/**
 * Places new issue frames on a merged board in rows of FRAMES_PER_ROW, starting below
 * everything already there (`top`), and hands out spots for unclustered cards underneath.
 */
export class MergeLayout {
  private x = 0;
  private y: number;
  private rowHeight = 0;
  private inRow = 0;
  private looseIndex = 0;

  constructor(top: number) {
    this.y = top;
  }

  /** The rectangle of the next new frame holding `cardCount` cards. */
  nextFrame(cardCount: number): { x: number; y: number; w: number; h: number } {
    const size = frameSize(Math.max(1, cardCount));
    if (this.inRow === FRAMES_PER_ROW) {
      this.y += this.rowHeight + 3 * LAYOUT_GAP;
      this.x = 0;
      this.rowHeight = 0;
      this.inRow = 0;
    }
    const rect = { x: this.x, y: this.y, ...size };
    this.x += size.w + 3 * LAYOUT_GAP;
    this.rowHeight = Math.max(this.rowHeight, size.h);
    this.inRow++;
    return rect;
  }

  /** A spot for an unclustered card, in rows of ten below the frames placed so far. */
  nextLoose(): { x: number; y: number } {
    const i = this.looseIndex++;
    return {
      x: (i % 10) * (LAYOUT_CARD_WIDTH + LAYOUT_GAP),
      y:
        this.y +
        this.rowHeight +
        4 * LAYOUT_GAP +
        Math.floor(i / 10) * (LAYOUT_CARD_HEIGHT + LAYOUT_GAP),
    };
  }
}

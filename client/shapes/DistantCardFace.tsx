import type { CSSProperties } from 'react';
import type { CardElementProps } from './IssueCardView';

/** Text lines the full face has room for (16 px text, 1.3 line height, in a 170 px card). */
const MAX_LINES = 5;
/** About this many characters of 16 px text make one line of a 240 px card. */
const CHARS_PER_LINE = 27;

/** How many grey bars stand for a text: about as many lines as the full face shows. */
export function barCount(text: string): number {
  return Math.min(MAX_LINES, Math.max(1, Math.ceil(text.trim().length / CHARS_PER_LINE)));
}

/**
 * A card seen from far away (see `distantView`): its size, border, tint and bidang band, and its
 * text as grey bars. One element, its look all CSS backgrounds (`.issue-card--distant`): no text
 * to lay out, nothing to fit or measure, no vote controls. A card's data attributes stay.
 */
export function DistantCardFace({
  card,
  size,
  colors,
  text,
}: {
  card: CardElementProps;
  size: { width: number; height: number; borderColor: string };
  colors: { solid: string; tint: string };
  text: string;
}) {
  const style = {
    ...size,
    '--card-tint': colors.tint,
    '--card-band': colors.solid,
    // The whole lines; the last one is drawn shorter, as a paragraph ends.
    '--card-full-lines': barCount(text) - 1,
  } as CSSProperties;
  return (
    <div
      {...card}
      className={`${card.className} issue-card--distant`}
      data-distant="true"
      style={style}
    />
  );
}

/** A card's text in its box: how many whole lines fit, and whether the text needs more. */
export interface TextFit {
  /** The box the text may fill (its height decides how many lines fit). */
  box: HTMLElement;
  /** The text element: its max-height is set to the lines that fit. */
  text: HTMLElement;
  /**
   * Elements that cut a text too long for them (an ellipsis, a line clamp). They get the
   * `is-cut` class, which turns on their clipping, only while their text does not fit.
   */
  cuts: readonly HTMLElement[];
  /** Called after each fit: true when the text is longer than the lines shown. */
  onClamped(clamped: boolean): void;
}

/** The class that clips a card's text element or a cut element (styles.css). */
export const CUT_CLASS = 'is-cut';

const fits = new Map<Element, TextFit>();
let observer: ResizeObserver | null = null;

/** Whether an element's content is larger than its box (it overflows whether clipped or not). */
function overflows(el: HTMLElement): boolean {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

/**
 * Fits the given texts in two passes over all of them: read (box heights, line heights, text and
 * cut overflow), then write (max-heights, clip classes). The reads come from the layout the
 * browser has just made (the observer reports after layout), so no layout is forced for them;
 * the writes change only the cards that need it, which the browser lays out before it paints.
 *
 * Clipping is switched on only where a text does not fit because every clip is a paint
 * property of its own: 300 cards with five clips each made Chromium's per-frame layerization
 * the largest cost of a card drag on a slow tablet.
 */
export function runTextFits(batch: readonly TextFit[]): void {
  const measured = batch.map(({ box, text, cuts }) => {
    const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 20;
    const lines = Math.max(1, Math.floor((box.clientHeight + 1) / lineHeight));
    const limit = lines * lineHeight;
    return { limit, clamped: text.scrollHeight > limit + 1, cut: cuts.map(overflows) };
  });
  batch.forEach(({ text, cuts }, i) => {
    const m = measured[i];
    if (!m) return;
    text.style.maxHeight = `${m.limit}px`;
    text.classList.toggle(CUT_CLASS, m.clamped);
    cuts.forEach((el, j) => el.classList.toggle(CUT_CLASS, m.cut[j] ?? false));
  });
  batch.forEach((fit, i) => fit.onClamped(measured[i]?.clamped ?? false));
}

/**
 * Keeps a text fitted to its box: once the browser has laid it out (batched with every other
 * card laid out in the same frame: one shared observer, which reports each newly watched box
 * once) and whenever the box changes size. With `now` it is also fitted at once (forcing a
 * layout): an image export reads the card before the browser's next frame. Returns the function
 * that stops it.
 */
export function watchTextFit(fit: TextFit, now = false): () => void {
  if (now) runTextFits([fit]);
  observer ??= new ResizeObserver((entries) => {
    const batch: TextFit[] = [];
    for (const entry of entries) {
      const watched = fits.get(entry.target);
      if (watched) batch.push(watched);
    }
    runTextFits(batch);
  });
  fits.set(fit.box, fit);
  observer.observe(fit.box);
  return () => {
    if (fits.get(fit.box) === fit) {
      fits.delete(fit.box);
      observer?.unobserve(fit.box);
    }
  };
}

/** A card's text in its box: how many whole lines fit, and whether the text needs more. */
export interface TextFit {
  /** The box the text may fill (its height decides how many lines fit). */
  box: HTMLElement;
  /** The text element: its max-height is set to the lines that fit. */
  text: HTMLElement;
  /** Called after each fit: true when the text is longer than the lines shown. */
  onClamped(clamped: boolean): void;
}

const fits = new Map<Element, TextFit>();
const due = new Set<TextFit>();
let scheduled = false;
let observer: ResizeObserver | null = null;

/**
 * Fits every text that asked since the last run, in three passes over all of them (read the box
 * heights, set the max-heights, read the text heights): two layouts for 300 cards, where fitting
 * card by card forced two layouts per card (the writes of one invalidate the reads of the next).
 */
export function runTextFits(): void {
  scheduled = false;
  const batch = [...due];
  due.clear();
  const limits = batch.map(({ box, text }) => {
    const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 20;
    const lines = Math.max(1, Math.floor((box.clientHeight + 1) / lineHeight));
    return lines * lineHeight;
  });
  batch.forEach(({ text }, i) => {
    text.style.maxHeight = `${limits[i] ?? 0}px`;
  });
  const clamped = batch.map(({ text }, i) => text.scrollHeight > (limits[i] ?? 0) + 1);
  batch.forEach((fit, i) => fit.onClamped(clamped[i] ?? false));
}

function request(fit: TextFit): void {
  due.add(fit);
  if (scheduled) return;
  scheduled = true;
  // After the commit that mounted or changed the cards, before the browser paints.
  queueMicrotask(runTextFits);
}

/**
 * Keeps a text fitted to its box: now (batched with every other card mounted in the same
 * commit) and whenever the box changes size (one shared observer, so its first report of all
 * boxes is one batch too). Returns the function that stops it.
 */
export function watchTextFit(fit: TextFit): () => void {
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const watched = fits.get(entry.target);
      if (watched) due.add(watched);
    }
    runTextFits();
  });
  fits.set(fit.box, fit);
  observer.observe(fit.box);
  request(fit);
  return () => {
    if (fits.get(fit.box) === fit) {
      fits.delete(fit.box);
      observer?.unobserve(fit.box);
    }
    due.delete(fit);
  };
}

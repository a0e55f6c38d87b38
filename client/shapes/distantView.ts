import { useCallback, useSyncExternalStore } from 'react';
import { react, type Editor } from 'tldraw';
import { perEditor } from './perEditor';

/**
 * Below this zoom a card draws its distant face (colour, band, grey bars; no text). A card's
 * text is 16 px (its band and meta 12 px): at zoom 0.3 that is 4.8 px on screen (the band's
 * 3.6 px), under the ~6 px at which a tablet still shows letters rather than smudges, so the
 * words cost layout and paint and tell no one anything. tldraw's zoom steps (0.25, 0.5) fall
 * either side: "zoom in" from a 300-card board fitted at ~0.17 reads the texts at 0.5.
 */
export const DISTANT_BELOW_ZOOM = 0.3;
/**
 * Zoomed in, the full face comes back only from this zoom (text 5.3 px): a pinch that hovers
 * around 0.3 does not flip 300 cards between their faces on every frame.
 */
export const FULL_FROM_ZOOM = 0.33;

/** Whether cards are distant at `zoom`, given whether they were (the hysteresis band keeps it). */
export function nextDistant(distant: boolean, zoom: number): boolean {
  if (zoom < DISTANT_BELOW_ZOOM) return true;
  if (zoom >= FULL_FROM_ZOOM) return false;
  return distant;
}

/**
 * Whether the board is zoomed out too far to read a card, watched once per editor. A pinch
 * changes the camera on every frame; read in each card, the zoom would wake 300 of them per
 * frame. Here one reaction follows the zoom and tells the cards only when it crosses the
 * threshold, so they re-render once, together.
 */
export class DistantView {
  private distant: boolean;
  private readonly listeners = new Set<() => void>();

  constructor(editor: Pick<Editor, 'getZoomLevel'>) {
    this.distant = editor.getZoomLevel() < DISTANT_BELOW_ZOOM;
    react('distant view', () => {
      const next = nextDistant(this.distant, editor.getZoomLevel());
      if (next === this.distant) return;
      this.distant = next;
      for (const listener of [...this.listeners]) listener();
    });
  }

  /** Whether cards draw their distant face now. */
  isDistant(): boolean {
    return this.distant;
  }

  /** Calls `listener` whenever the zoom crosses into or out of the distant view. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

// One watcher per editor, made by the first card that asks; it lives as long as the editor.
const distantViewOf = perEditor((editor) => new DistantView(editor));

/** Whether the board is zoomed out past reading a card; re-renders only when that changes. */
export function useIsDistant(editor: Editor): boolean {
  const watcher = distantViewOf(editor);
  const subscribe = useCallback((listener: () => void) => watcher.subscribe(listener), [watcher]);
  return useSyncExternalStore(subscribe, () => watcher.isDistant());
}

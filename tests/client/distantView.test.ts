import { atom } from 'tldraw';
import { describe, expect, test } from 'vitest';
import {
  DISTANT_BELOW_ZOOM,
  DistantView,
  FULL_FROM_ZOOM,
  nextDistant,
} from '../../client/shapes/distantView';
import { barCount } from '../../client/shapes/DistantCardFace';

/** tldraw's camera zoom as a signal, the way `editor.getZoomLevel()` reads it. */
function zoomSignal(initial: number) {
  const zoom = atom('zoom', initial);
  return { zoom, editor: { getZoomLevel: () => zoom.get() } };
}

describe('distant view', () => {
  test('the threshold is where 16 px card text drops under 5 px on screen', () => {
    expect(16 * DISTANT_BELOW_ZOOM).toBeLessThan(5);
    expect(FULL_FROM_ZOOM).toBeGreaterThan(DISTANT_BELOW_ZOOM);
    // tldraw's zoom steps: "zoom in" from a fitted 300-card board reads at 0.5, not at 0.25.
    expect([nextDistant(true, 0.25), nextDistant(true, 0.5)]).toEqual([true, false]);
  });

  test('cards are told once when a pinch crosses the threshold, not on every camera change', () => {
    const { zoom, editor } = zoomSignal(1);
    const watcher = new DistantView(editor);
    const told: boolean[] = [];
    watcher.subscribe(() => told.push(watcher.isDistant()));
    watcher.subscribe(() => told.push(watcher.isDistant()));
    expect(watcher.isDistant()).toBe(false);

    // A pinch out: one change of zoom per frame.
    for (let z = 1; z > 0.1; z -= 0.01) zoom.set(z);
    expect(told).toEqual([true, true]);
    expect(watcher.isDistant()).toBe(true);

    // And back in.
    told.length = 0;
    for (let z = 0.1; z < 1; z += 0.01) zoom.set(z);
    expect(told).toEqual([false, false]);
    expect(watcher.isDistant()).toBe(false);
  });

  test('a pinch hovering at the threshold does not flip the cards back and forth', () => {
    const { zoom, editor } = zoomSignal(0.5);
    const watcher = new DistantView(editor);
    let told = 0;
    watcher.subscribe(() => told++);
    for (let i = 0; i < 20; i++) zoom.set(i % 2 === 0 ? 0.29 : 0.31);
    expect(told).toBe(1);
    expect(watcher.isDistant()).toBe(true);
    for (let i = 0; i < 20; i++) zoom.set(i % 2 === 0 ? 0.34 : 0.32);
    expect(told).toBe(2);
    expect(watcher.isDistant()).toBe(false);
  });

  test('a board that opens zoomed out starts distant', () => {
    const { editor } = zoomSignal(0.17);
    expect(new DistantView(editor).isDistant()).toBe(true);
  });

  test('an unsubscribed card is not told', () => {
    const { zoom, editor } = zoomSignal(1);
    const watcher = new DistantView(editor);
    let told = 0;
    const stop = watcher.subscribe(() => told++);
    stop();
    zoom.set(0.1);
    expect(told).toBe(0);
    expect(watcher.isDistant()).toBe(true);
  });
});

describe('distant card face', () => {
  test('draws about as many bars as the text has lines, at least one and at most five', () => {
    expect(barCount('')).toBe(1);
    expect(barCount('Jalan rusak')).toBe(1);
    expect(barCount('Permasalahan nomor 1: jalan, air bersih, pupuk, sekolah')).toBe(3);
    expect(barCount('x'.repeat(1000))).toBe(5);
  });
});

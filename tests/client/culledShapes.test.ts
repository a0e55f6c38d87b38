import { atom, type TLShapeId } from 'tldraw';
import { describe, expect, test } from 'vitest';
import { CulledShapes } from '../../client/shapes/culledShapes';

const a = 'shape:a' as TLShapeId;
const b = 'shape:b' as TLShapeId;
const c = 'shape:c' as TLShapeId;

/** tldraw's culled set as a signal, the way `editor.getCulledShapes()` reads it. */
function culledSignal(initial: TLShapeId[]) {
  const culled = atom('culled', new Set(initial) as ReadonlySet<TLShapeId>);
  return { culled, editor: { getCulledShapes: () => culled.get() as Set<TLShapeId> } };
}

describe('culled shapes', () => {
  test('a card is told when its own culling changes, and not when another card’s does', () => {
    const { culled, editor } = culledSignal([a]);
    const watcher = new CulledShapes(editor);
    const told: string[] = [];
    watcher.subscribe(a, () => told.push('a'));
    watcher.subscribe(b, () => told.push('b'));
    watcher.subscribe(c, () => told.push('c'));
    expect([watcher.has(a), watcher.has(b)]).toEqual([true, false]);

    culled.set(new Set([b]));
    expect(told.sort()).toEqual(['a', 'b']);
    expect([watcher.has(a), watcher.has(b), watcher.has(c)]).toEqual([false, true, false]);
  });

  test('a new set with the same shapes (a drag moves bounds every frame) wakes no card', () => {
    const { culled, editor } = culledSignal([a, b]);
    const watcher = new CulledShapes(editor);
    let told = 0;
    for (const id of [a, b, c]) watcher.subscribe(id, () => told++);
    culled.set(new Set([b, a]));
    expect(told).toBe(0);
  });

  test('an unsubscribed card is not told', () => {
    const { culled, editor } = culledSignal([]);
    const watcher = new CulledShapes(editor);
    let told = 0;
    const stop = watcher.subscribe(a, () => told++);
    stop();
    culled.set(new Set([a]));
    expect(told).toBe(0);
    expect(watcher.has(a)).toBe(true);
  });
});

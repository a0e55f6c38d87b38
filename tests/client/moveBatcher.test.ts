import { describe, expect, test } from 'vitest';
import { MoveBatcher, type MoveBatcherTimers } from '../../client/binding/MoveBatcher';

/** Timers run by hand: the test says when the interval has passed. */
function manualTimers(): MoveBatcherTimers & { fire(): void; pending(): number } {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    set(run) {
      const id = next++;
      queue.set(id, run);
      return id;
    },
    clear(handle) {
      queue.delete(handle as number);
    },
    fire() {
      const runs = [...queue.values()];
      queue.clear();
      for (const run of runs) run();
    },
    pending: () => queue.size,
  };
}

interface Pos {
  x: number;
}

describe('held drag moves', () => {
  test('60 moves within one interval are one write, from the place before the first', () => {
    const timers = manualTimers();
    const writes: Map<string, Pos>[] = [];
    const batcher = new MoveBatcher<Pos>((moves) => writes.push(new Map(moves)), 100, timers);
    for (let x = 1; x <= 60; x++) batcher.hold('shape:a', { x: x - 1 });
    expect(writes).toHaveLength(0);
    expect(timers.pending()).toBe(1);
    timers.fire();
    expect(writes).toEqual([new Map([['shape:a', { x: 0 }]])]);
  });

  test('a long drag writes once per interval, and nothing when nothing moved', () => {
    const timers = manualTimers();
    let writes = 0;
    const batcher = new MoveBatcher<Pos>(() => writes++, 100, timers);
    for (let interval = 0; interval < 5; interval++) {
      for (let move = 0; move < 6; move++) batcher.hold('shape:a', { x: move });
      timers.fire();
    }
    expect(writes).toBe(5);
    timers.fire();
    expect(writes).toBe(5);
  });

  test('flush writes the held moves at once (the finger lifts) and stops the interval', () => {
    const timers = manualTimers();
    const writes: string[][] = [];
    const batcher = new MoveBatcher<Pos>((moves) => writes.push([...moves.keys()]), 100, timers);
    batcher.hold('shape:a', { x: 0 });
    batcher.hold('shape:b', { x: 0 });
    expect(batcher.isHeld('shape:a')).toBe(true);
    batcher.flush();
    expect(writes).toEqual([['shape:a', 'shape:b']]);
    expect(batcher.isHeld('shape:a')).toBe(false);
    expect(timers.pending()).toBe(0);
    batcher.flush();
    expect(writes).toHaveLength(1);
  });

  test('dispose drops what is held and cancels the timer', () => {
    const timers = manualTimers();
    let writes = 0;
    const batcher = new MoveBatcher<Pos>(() => writes++, 100, timers);
    batcher.hold('shape:a', { x: 3 });
    batcher.dispose();
    expect(timers.pending()).toBe(0);
    expect(writes).toBe(0);
  });
});

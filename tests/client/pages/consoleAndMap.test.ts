import { describe, expect, test } from 'vitest';
import { groupCalls } from '../../../client/console/groupCalls';
import { heatColors } from '../../../client/issueMap/HeatTable';

const call = (boardId: string, name: string, at: number) => ({ boardId, name, at });

describe('facilitator calls in the console', () => {
  test('three taps by one person at one table are one line with a count, first and last time', () => {
    const groups = groupCalls([
      call('demo-halong', 'Ani', 3_000),
      call('demo-halong', ' ani ', 2_000),
      call('demo-halong', 'Ani', 1_000),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      boardId: 'demo-halong',
      name: 'Ani',
      count: 3,
      firstAt: 1_000,
      lastAt: 3_000,
    });
  });

  test('different people, or the same name at another table, stay apart; the latest call is first', () => {
    const groups = groupCalls([
      call('demo-juai', 'Ani', 1_000),
      call('demo-halong', 'Ani', 2_000),
      call('demo-halong', 'Budi', 3_000),
      call('demo-halong', '', 4_000),
    ]);
    expect(groups.map((g) => [g.boardId, g.name, g.count])).toEqual([
      ['demo-halong', '', 1],
      ['demo-halong', 'Budi', 1],
      ['demo-halong', 'Ani', 1],
      ['demo-juai', 'Ani', 1],
    ]);
  });

  test('a single call (a server that already drops repeats) is a line with count 1', () => {
    expect(groupCalls([call('demo-juai', 'Siti', 5)])).toEqual([
      expect.objectContaining({ count: 1, firstAt: 5, lastAt: 5 }),
    ]);
  });
});

/** WCAG contrast of two "rgb(r g b)" / hex colours. */
function contrast(a: string, b: string): number {
  const rgb = (c: string) =>
    c.startsWith('#')
      ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))
      : (c.match(/\d+/g) ?? []).map(Number);
  const lum = (c: string) => {
    const [r = 0, g = 0, b = 0] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the heat table of the issue map', () => {
  test('every shade keeps its count readable (contrast at least 4.5:1)', () => {
    for (let i = 0; i <= 20; i++) {
      const { background, color } = heatColors(i / 20);
      expect(contrast(background, color), `strength ${i / 20}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

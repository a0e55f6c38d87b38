import { describe, expect, it } from 'vitest';
import { restorePointsToDrop } from '../../../server/history/retention';

const HOUR = 3600_000;
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

describe('restore point retention', () => {
  it('keeps every point of the last 24 hours', () => {
    const points = Array.from({ length: 144 }, (_, i) => ({
      id: i,
      createdAt: NOW - i * 10 * 60_000,
    }));
    expect(restorePointsToDrop(points, NOW)).toEqual([]);
  });

  it('keeps the newest point of each hour between one and seven days old', () => {
    const base = NOW - 30 * HOUR;
    const hour = Math.floor(base / HOUR) * HOUR;
    const points = [
      { id: 1, createdAt: hour + 5 * 60_000 },
      { id: 2, createdAt: hour + 25 * 60_000 },
      { id: 3, createdAt: hour + 55 * 60_000 },
      { id: 4, createdAt: hour + HOUR + 60_000 },
      { id: 5, createdAt: NOW - 1000 },
    ];
    expect(restorePointsToDrop(points, NOW).sort()).toEqual([1, 2]);
  });

  it('keeps one point per day past a week, and always the newest point', () => {
    const day = Math.floor((NOW - 10 * 24 * HOUR) / (24 * HOUR)) * 24 * HOUR;
    const points = [
      { id: 1, createdAt: day + HOUR },
      { id: 2, createdAt: day + 5 * HOUR },
      { id: 3, createdAt: day + 20 * HOUR },
    ];
    expect(restorePointsToDrop(points, NOW).sort()).toEqual([1, 2]);
    expect(restorePointsToDrop([{ id: 9, createdAt: NOW - 400 * 24 * HOUR }], NOW)).toEqual([]);
  });

  it('bounds a busy board: a point every ten minutes for three days keeps 24 h plus one per hour', () => {
    const points = Array.from({ length: 3 * 144 }, (_, i) => ({
      id: i,
      createdAt: NOW - i * 10 * 60_000,
    }));
    const kept = points.length - restorePointsToDrop(points, NOW).length;
    expect(kept).toBeLessThanOrEqual(144 + 48 + 1);
    expect(kept).toBeGreaterThanOrEqual(144 + 47);
  });
});

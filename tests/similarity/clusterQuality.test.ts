import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  labelsFromGroups,
  purity,
} from '../../shared/similarity/clusterQuality';

describe('adjusted Rand index', () => {
  it('is 1 for identical partitions, whatever the label names', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'])).toBeCloseTo(1);
  });

  it('matches the textbook value for a known small example', () => {
    // sklearn: adjusted_rand_score([0,0,1,1], [0,0,1,2]) = 0.5714285714
    expect(adjustedRandIndex(['0', '0', '1', '2'], ['0', '0', '1', '1'])).toBeCloseTo(
      0.5714285714,
      6,
    );
    // sklearn: adjusted_rand_score([0,0,0,1,1,1], [0,0,1,1,2,2]) = 0.2424242424
    expect(
      adjustedRandIndex(['0', '0', '1', '1', '2', '2'], ['0', '0', '0', '1', '1', '1']),
    ).toBeCloseTo(0.2424242424, 6);
  });

  it('is at or below 0 for a partition that splits every true group', () => {
    expect(adjustedRandIndex(['a', 'b', 'a', 'b'], ['x', 'x', 'y', 'y'])).toBeLessThanOrEqual(0);
  });

  it('refuses labelings of different lengths', () => {
    expect(() => adjustedRandIndex(['a'], ['a', 'b'])).toThrow();
  });
});

describe('purity', () => {
  it('counts the majority label of each predicted group', () => {
    expect(purity(['p', 'p', 'p', 'q'], ['x', 'x', 'y', 'y'])).toBeCloseTo(0.75);
    expect(purity(['1', '2', '3'], ['x', 'x', 'x'])).toBe(1);
  });

  it('labels groups from clusterTexts output, singletons apart', () => {
    expect(labelsFromGroups([[0, 2]], 3)).toEqual(['group-0', 'single-1', 'group-0']);
  });
});

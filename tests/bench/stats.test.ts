import { describe, expect, it } from 'vitest';
import { concatSamples, percentile, SampleBuffer, summarize } from '../../bench/lib/stats';
import { editMarker, findEditMarker, findEditMarkers } from '../../bench/lib/wire';

describe('bench statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(sorted, 0)).toBe(1);
  });

  it('gives the only sample for every percentile of one sample, and NaN for none', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('rejects a percentile outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
    expect(() => percentile([1], Number.NaN)).toThrow();
  });

  it('summarizes unsorted samples without reordering the input', () => {
    const samples = [5, 1, 4, 2, 3];
    const summary = summarize(samples);
    expect(summary).toEqual({ count: 5, mean: 3, p50: 3, p95: 5, p99: 5, max: 5 });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it('sorts numerically, not as strings', () => {
    expect(summarize([10, 9, 100, 2]).p50).toBe(9);
  });

  it('joins worker sample arrays in order', () => {
    expect([...concatSamples([[1, 2], new Float64Array([3])])]).toEqual([1, 2, 3]);
  });

  it('keeps every sample up to its cap and counts the ones past it', () => {
    const buffer = new SampleBuffer(10);
    for (let i = 0; i < 25; i++) buffer.add(i);
    expect(buffer.values()).toHaveLength(10);
    expect(buffer.count).toBe(25);
    buffer.clear();
    expect(buffer.values()).toHaveLength(0);
  });
});

describe('edit markers', () => {
  it('are found again in bytes around them', () => {
    const text = `xx${editMarker(42, 1_700_000_000_123.456)}yy`;
    expect(findEditMarker(new TextEncoder().encode(text))).toEqual({
      writer: 42,
      sentAt: 1_700_000_000_123.456,
    });
  });

  it('are all found when one update carries several (a merged relay)', () => {
    const text = `a${editMarker(1, 10)}b${editMarker(2, 20.5)}bt:3 junk${editMarker(3, 30)}`;
    expect(findEditMarkers(new TextEncoder().encode(text))).toEqual([
      { writer: 1, sentAt: 10 },
      { writer: 2, sentAt: 20.5 },
      { writer: 3, sentAt: 30 },
    ]);
  });

  it('are absent from bytes without one', () => {
    expect(findEditMarker(new TextEncoder().encode('bt:12 no colon'))).toBeNull();
    expect(findEditMarker(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});

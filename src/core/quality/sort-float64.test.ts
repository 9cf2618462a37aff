import { describe, expect, it } from 'vitest';
import { Rng } from '../random/index.js';
import { quantile } from './quantile.js';
import { sortFloat64 } from './sort-float64.js';

describe('sortFloat64', () => {
  it('orders as Float64Array.prototype.sort does: negatives, -0 before 0, infinities, ties, cents', () => {
    const rng = new Rng(3);
    for (const n of [0, 1, 5, 511, 512, 10_000]) {
      const values = Float64Array.from({ length: n }, (_, i) =>
        i % 11 === 0
          ? -0
          : i % 13 === 0
            ? Number.POSITIVE_INFINITY
            : i % 17 === 0
              ? Number.NEGATIVE_INFINITY
              : Math.round((rng.next() - 0.1) * 1e6) / 100,
      );
      const expected = values.slice().sort();
      sortFloat64(values);
      expect(Array.from(values, (v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
        Array.from(expected, (v) => (Object.is(v, -0) ? '-0' : v)),
      );
    }
  });
});

describe('quantile', () => {
  it('interpolates linearly between the closest ranks, as numpy and pandas do', () => {
    expect(quantile(Float64Array.of(1, 2, 3, 4), 0.25)).toBe(1.75);
    expect(quantile(Float64Array.of(1, 2, 3, 4), 0.5)).toBe(2.5);
    expect(quantile(Float64Array.of(7), 0.75)).toBe(7);
    expect(quantile(new Float64Array(0), 0.5)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { BinMapper } from './bin-mapper.js';
import { quantileCuts } from './quantile-cuts.js';

describe('quantileCuts', () => {
  it('gives each distinct value its own bin when they fit, splitting between values', () => {
    const { cuts, minValue } = quantileCuts(Float32Array.of(1, 1, 2, 5), 256);
    expect(Array.from(cuts.subarray(0, 2))).toEqual([2, 5]);
    expect(cuts[2]).toBeGreaterThan(5);
    expect(minValue).toBeLessThan(1);
  });

  it('places at most maxBins bins at equally spaced ranks', () => {
    const values = Float32Array.from({ length: 10_000 }, (_, i) => i);
    const { cuts } = quantileCuts(values, 16);
    expect(cuts.length).toBeLessThanOrEqual(16);
    expect(cuts[0]).toBe(625);
    expect(cuts[cuts.length - 1]).toBeGreaterThan(9999);
    for (let i = 1; i < cuts.length; i++) expect(cuts[i]).toBeGreaterThan(cuts[i - 1]!);
  });

  it('keeps float32 thresholds', () => {
    const values = Float32Array.of(0.1, 0.2, 0.3);
    const { cuts } = quantileCuts(values, 256);
    expect(cuts[0]).toBe(Math.fround(0.2));
  });
});

describe('BinMapper', () => {
  const matrix = {
    rowCount: 6,
    featureNames: ['a', 'b'],
    columns: [Float32Array.of(1, 2, 3, Number.NaN, 2, 1), Float32Array.of(5, 5, 5, 5, 5, 5)],
  };

  it('maps values to bins and missing values to the last bin of the feature', () => {
    const mapper = BinMapper.fit(matrix, 256, 0);
    const codes = mapper.newCodes(matrix.rowCount);
    mapper.binRows(matrix, codes);
    // Row-major: (a, b) per row; a's bins are 0, 1, 2 and missing is 3.
    expect(Array.from(codes)).toEqual([0, 0, 1, 0, 2, 0, 3, 0, 1, 0, 0, 0]);
    expect(mapper.missingBin(0)).toBe(3);
    expect(mapper.binOf(0, 2.5)).toBe(1);
    expect(mapper.binOffsets[1]).toBe(4);
  });

  it('spends one of max_bin bins on missing values, so 256 bins fit a byte', () => {
    const n = 5000;
    const column = Float32Array.from({ length: n }, (_, i) => (i % 100 === 0 ? Number.NaN : i));
    const mapper = BinMapper.fit({ rowCount: n, featureNames: ['x'], columns: [column] }, 256, 0);
    expect(mapper.binCounts[0]).toBeLessThanOrEqual(256);
    expect(mapper.newCodes(n)).toBeInstanceOf(Uint8Array);
  });
});

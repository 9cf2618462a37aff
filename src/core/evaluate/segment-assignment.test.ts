import { describe, expect, it } from 'vitest';
import { MAX_VALUE_SEGMENTS, segmentAssignment } from './segment-assignment.js';
import { segmentCuts } from './segment-cuts.js';

describe('segmentAssignment', () => {
  it('by value: values in code-point order, numbers as text, missing last', () => {
    const a = segmentAssignment(
      { kind: 'cells', values: ['LOW', 'HIGH', null, 'LOW', 3, 'MEDIUM'] },
      { column: 'risk_pld', kind: 'value' },
    );
    expect(a.names).toEqual(['3', 'HIGH', 'LOW', 'MEDIUM', '(missing)']);
    expect([...a.index]).toEqual([2, 1, 4, 2, 0, 3]);
    expect(a.bands).toBeNull();
  });

  it('by value: past 20 values, the least frequent are one (other) segment', () => {
    const values = Array.from({ length: 500 }, (_, i) => `v${String(i % 30).padStart(2, '0')}`);
    values.push(...Array.from({ length: 30 }, () => 'v29')); // v29 the most frequent
    const a = segmentAssignment({ kind: 'cells', values }, { column: 'region', kind: 'value' });
    expect(a.names).toHaveLength(MAX_VALUE_SEGMENTS);
    // 19 kept: v29 (46 cases), then v00 to v17 of the 20 values with 17 (ties by name); v18 to v28 folded.
    const kept = [...Array.from({ length: 18 }, (_, i) => `v${String(i).padStart(2, '0')}`), 'v29'];
    expect(a.names).toEqual([...kept, '(other)']);
    const counted = new Map<string, number>();
    for (const s of a.index) counted.set(a.names[s]!, (counted.get(a.names[s]!) ?? 0) + 1);
    expect(counted.get('v29')).toBe(46);
    expect(counted.get('v00')).toBe(17);
    expect(counted.get('(other)')).toBe(2 * 17 + 9 * 16);
  });

  it('by band: lower bound in, upper bound out, every band listed, text numbers read, the rest missing', () => {
    const a = segmentAssignment(
      { kind: 'cells', values: [0, 99.99, 100, '250', 1e6, null, 'n/a', ''] },
      { column: 'amount', kind: 'band', cuts: [100, 250, 5000] },
    );
    expect(a.names).toEqual(['< 100', '100 to < 250', '250 to < 5000', '>= 5000', '(missing)']);
    expect([...a.index]).toEqual([0, 0, 1, 2, 3, 4, 4, 4]);
    expect(a.bands).toEqual([
      { from: null, to: 100 },
      { from: 100, to: 250 },
      { from: 250, to: 5000 },
      { from: 5000, to: null },
      null,
    ]);
    const none = segmentAssignment(
      { kind: 'numeric', values: [1, 2] },
      { column: 'x', kind: 'band', cuts: [] },
    );
    expect(none.names).toEqual(['all']);
  });
});

describe('segmentCuts', () => {
  it("cuts at values of the data (numpy's method 'lower'), leaving out missing values and empty bands", () => {
    expect(segmentCuts(Float64Array.of(5, 1, 3, 2, 4, 6, 8, 7), 4)).toEqual([2, 4, 6]);
    expect(segmentCuts(Float64Array.of(Number.NaN, 5, 1, 3, Number.NaN, 2, 4, 6, 8, 7), 4)).toEqual([
      2, 4, 6,
    ]);
    expect(segmentCuts(Float64Array.of(0, 0, 0, 0, 10, 20, 30, 40), 4)).toEqual([20]);
    expect(segmentCuts(Float64Array.of(0, 0, 0, 0, 0, 0, 10, 20), 4)).toEqual([]);
    expect(segmentCuts(Float64Array.of(7, 7, 7), 4)).toEqual([]);
    expect(segmentCuts(new Float64Array(0), 4)).toEqual([]);
  });
});

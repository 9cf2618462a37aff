import { describe, expect, it } from 'vitest';
import { Frame } from '../frame/index.js';
import { frameSummary } from './frame-summary.js';

describe('frameSummary', () => {
  it('counts missing values, quantiles and category frequencies', () => {
    const frame = new Frame([
      { kind: 'numeric', name: 'amount', values: Float64Array.of(5, Number.NaN, 1, 3, 2, 4) },
      {
        kind: 'categorical',
        name: 'risk',
        codes: Int32Array.of(0, 1, 1, -1, 0, 0),
        categories: ['LOW', 'HIGH', 'MEDIUM'],
      },
      { kind: 'text', name: 'id', values: ['a', null, 'c', 'd', 'e', 'f'] },
    ]);
    const summary = frameSummary(frame);
    expect(summary.rows).toBe(6);
    expect(summary.columns.amount).toEqual({
      kind: 'numeric',
      missing: 1,
      min: 1,
      p50: 3,
      p90: 5,
      p99: 5,
      max: 5,
      mean: 3,
    });
    expect(summary.columns.risk).toEqual({ kind: 'categorical', missing: 1, counts: { LOW: 3, HIGH: 2 } });
    expect(summary.columns.id).toEqual({ kind: 'text', missing: 1 });
  });
});

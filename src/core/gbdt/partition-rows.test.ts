import { describe, expect, it } from 'vitest';
import { partitionRows } from './partition-rows.js';

describe('partitionRows', () => {
  it('puts the rows going left first and the others after, each in their order', () => {
    // Two features per row; feature 1 splits at bin <= 2, its missing bin (9) going left.
    const bins = Uint8Array.of(0, 5, 0, 1, 0, 9, 0, 2, 0, 3, 0, 0);
    const rows = new Int32Array(12);
    rows.set([0, 1, 2, 3, 4, 5]);
    const middle = partitionRows(rows, 0, 6, 6, bins, 2, 1, 2, 9);
    expect(middle).toBe(4);
    expect(Array.from(rows.subarray(0, 6))).toEqual([1, 2, 3, 5, 0, 4]);
  });

  it('splits a range in the middle of the array without touching the rest', () => {
    const bins = Uint8Array.of(7, 1, 8, 0, 9);
    const rows = Int32Array.of(-1, 1, 2, 3, 4, -1, 0, 0, 0, 0);
    const middle = partitionRows(rows, 1, 5, 6, bins, 1, 0, 0, -1);
    expect(middle).toBe(2);
    expect(Array.from(rows.subarray(0, 6))).toEqual([-1, 3, 1, 2, 4, -1]);
  });
});

import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.js';
import { sortFloat32, sortUint32 } from './radix-sort.js';

describe('radix sort', () => {
  it('orders float32 values as TypedArray sort does, negatives and signed zeros included', () => {
    const rng = new Rng(1);
    const values = Float32Array.from({ length: 5000 }, () => (rng.next() - 0.5) * 10 ** rng.nextInt(12));
    values.set([0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-40, -1e-40], 100);
    const expected = values.slice().sort();
    sortFloat32(values);
    expect(Array.from(values).map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
      Array.from(expected).map((v) => (Object.is(v, -0) ? '-0' : v)),
    );
  });

  it('orders unsigned 32-bit integers, repeated values included', () => {
    const rng = new Rng(2);
    const values = Uint32Array.from({ length: 5000 }, () => rng.nextUint32() >>> rng.nextInt(32));
    const expected = values.slice().sort();
    sortUint32(values);
    expect(Array.from(values)).toEqual(Array.from(expected));
  });
});

import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });

  it('draws uniform floats in [0, 1) and normals with mean 0 and variance 1', () => {
    const rng = new Rng(1);
    let sum = 0;
    let sumSq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
  });

  it('shuffles to a permutation', () => {
    const values = Int32Array.from({ length: 100 }, (_, i) => i);
    new Rng(3).shuffle(values);
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...values]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

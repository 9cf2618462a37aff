import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.js';
import { foldLayout } from './fold-layout.js';
import { stratifiedKFold } from './stratified-k-fold.js';

function labelsWithRate(n: number, rate: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, () => (rng.next() < rate ? 1 : 0));
}

describe('stratifiedKFold', () => {
  const labels = labelsWithRate(10_007, 0.035, 3);
  const positives = labels.reduce((a, b) => a + b, 0);

  it('puts every row in exactly one fold, folds of equal size within one row', () => {
    const foldOf = stratifiedKFold(labels, 5, new Rng(42));
    const sizes = [0, 0, 0, 0, 0];
    for (const f of foldOf) sizes[f]!++;
    expect(sizes.reduce((a, b) => a + b)).toBe(labels.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it("gives each fold the whole's positive rate (each fold holds floor or ceil of the positives / k)", () => {
    const foldOf = stratifiedKFold(labels, 5, new Rng(42));
    for (let f = 0; f < 5; f++) {
      let n = 0;
      let p = 0;
      for (let i = 0; i < labels.length; i++) {
        if (foldOf[i] !== f) continue;
        n++;
        p += labels[i]!;
      }
      expect([Math.floor(positives / 5), Math.ceil(positives / 5)]).toContain(p);
      expect(Math.abs(p / n - positives / labels.length)).toBeLessThan(0.001);
    }
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = stratifiedKFold(labels, 5, new Rng(42));
    expect(stratifiedKFold(labels, 5, new Rng(42))).toEqual(a);
    expect(stratifiedKFold(labels, 5, new Rng(43))).not.toEqual(a);
  });

  it('refuses fewer rows than folds and a fold count out of range', () => {
    expect(() => stratifiedKFold([0, 1], 3, new Rng(1))).toThrow(/cannot make 3 folds of 2 rows/);
    expect(() => stratifiedKFold(labels, 1, new Rng(1))).toThrow(/integer in \[2, 255\]/);
  });
});

describe('foldLayout', () => {
  it('lists the rows fold after fold, each fold in row order', () => {
    const layout = foldLayout(Uint8Array.of(1, 0, 2, 1, 0), 3);
    expect([...layout.order]).toEqual([1, 4, 0, 3, 2]);
    expect([...layout.starts]).toEqual([0, 2, 4, 5]);
  });
});

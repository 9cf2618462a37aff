import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.js';
import { rocAuc } from './roc-auc.js';

/** Pair counting, O(n^2): the definition itself. */
function pairwiseAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins++;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

describe('rocAuc', () => {
  it('is the share of positive-negative pairs ranked right', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(rocAuc([1, 2, 3], [0, 1, 1])).toBe(1);
    expect(rocAuc([3, 2, 1], [0, 1, 1])).toBe(0);
  });

  it('counts ties as one half', () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('agrees with pair counting on random scores with many ties', () => {
    const rng = new Rng(3);
    const n = 700;
    const scores = Float64Array.from({ length: n }, () => rng.nextInt(40) / 40);
    const labels = Uint8Array.from(scores, (s) => (rng.next() < 0.2 + 0.5 * s ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
  });

  it('is NaN when a class is absent', () => {
    expect(rocAuc([0.1, 0.2], [0, 0])).toBeNaN();
  });
});

describe('rocAuc with more positives than negatives', () => {
  it('agrees with pair counting', () => {
    const rng = new Rng(9);
    const scores = Float64Array.from({ length: 400 }, () => rng.nextInt(25) / 25);
    const labels = Uint8Array.from(scores, (s) => (rng.next() < 0.6 + 0.3 * s ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
  });
});

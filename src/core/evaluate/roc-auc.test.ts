import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.js';
import { rocAuc } from './roc-auc.js';

/** The definition, pair by pair. */
function bruteForceAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] === 1) continue;
      pairs++;
      if (scores[i]! > scores[j]!) sum += 1;
      else if (scores[i] === scores[j]) sum += 0.5;
    }
  }
  return sum / pairs;
}

describe('rocAuc', () => {
  it('gives the known value of a small example', () => {
    expect(rocAuc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Float32Array.of(0, 0, 1, 1))).toBe(0.75);
  });

  it('counts ties as one half', () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.2, 0.5, 0.5, 0.9], [0, 1, 0, 1])).toBe(0.875);
  });

  it('matches the pairwise definition on random scores with many ties', () => {
    const rng = new Rng(4);
    const scores = Float64Array.from({ length: 600 }, () => rng.nextInt(20) / 20);
    const labels = Float32Array.from({ length: 600 }, () => (rng.next() < 0.2 ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(bruteForceAuc(scores, labels), 12);
  });

  it('is NaN when a class is absent', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

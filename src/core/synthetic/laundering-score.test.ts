import { describe, expect, it } from 'vitest';
import { launderingScore, sigmoid } from './laundering-score.js';

describe('launderingScore', () => {
  const ordinary = launderingScore(3_000, 2_000, 0);

  it('gives an ordinary LOW-risk account a low probability', () => {
    expect(sigmoid(ordinary)).toBeLessThan(0.01);
  });

  it('raises the score of each typology above an ordinary account', () => {
    expect(launderingScore(30_000, 29_900, 0)).toBeGreaterThan(ordinary + 3); // pass-through
    expect(launderingScore(9_900, 6_000, 0)).toBeGreaterThan(ordinary + 2); // just under 10,000
    expect(launderingScore(10_100, 6_000, 0)).toBeLessThan(launderingScore(9_900, 6_000, 0) - 2); // just over
    expect(launderingScore(1_000, 6_000, 0)).toBeGreaterThan(ordinary + 2); // outflow-heavy
  });

  it('orders risk levels and amplifies typologies for HIGH risk', () => {
    expect(launderingScore(3_000, 2_000, 1)).toBeGreaterThan(ordinary);
    expect(launderingScore(3_000, 2_000, 2)).toBeGreaterThan(launderingScore(3_000, 2_000, 1));
    const muleGainLow = launderingScore(30_000, 29_900, 0) - launderingScore(30_000, 20_000, 0);
    const muleGainHigh = launderingScore(30_000, 29_900, 2) - launderingScore(30_000, 20_000, 2);
    expect(muleGainHigh).toBeGreaterThan(muleGainLow);
  });
});

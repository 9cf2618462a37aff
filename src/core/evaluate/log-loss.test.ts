import { describe, expect, it } from 'vitest';
import { logLoss } from './log-loss.js';

describe('logLoss', () => {
  it('is the mean negative log likelihood', () => {
    expect(logLoss([0.9, 0.2], [1, 0])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 12);
  });

  it('clips probabilities so that a confident mistake costs a finite amount', () => {
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(1e-15), 6);
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
  });
});

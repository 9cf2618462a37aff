import { describe, expect, it } from 'vitest';
import { proportionInterval } from './proportion-interval.js';

// Reference values: scipy.stats.binomtest(k, n).proportion_ci(method='wilson') (SciPy 1.17).
describe('proportionInterval', () => {
  it.each([
    [45, 50, 0.7863976856252034, 0.9565242350681095],
    [27, 40, 0.5201774618987767, 0.7991549776821729],
    [372, 410, 0.8753425313653338, 0.9317298217811711],
    [0, 30, 0, 0.11351339317396875],
    [30, 30, 0.8864866068260312, 1],
  ])('%i of %i: the Wilson interval SciPy gives', (k, n, lower, upper) => {
    const interval = proportionInterval(k, n)!;
    expect(interval.lower).toBeCloseTo(lower, 12);
    expect(interval.upper).toBeCloseTo(upper, 12);
    expect(interval).toMatchObject({ level: 0.95, method: 'Wilson' });
  });

  it('is null without a trial', () => {
    expect(proportionInterval(0, 0)).toBeNull();
  });
});

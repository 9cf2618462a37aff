import { regularizedGammaQ } from './regularized-gamma.js';

/**
 * P(X > x) for a chi-square variable with `degrees` degrees of freedom (SciPy's `chi2.sf`).
 *
 * @example
 * chiSquareSurvival(3.841458820694124, 1); // 0.05
 */
export function chiSquareSurvival(x: number, degrees: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return regularizedGammaQ(degrees / 2, x / 2);
}

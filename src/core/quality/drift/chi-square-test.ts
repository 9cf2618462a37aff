import type { AlignedCounts } from './aligned-counts.js';
import { chiSquareSurvival } from './chi-square-survival.js';

/**
 * Evidently's chi-square drift test: the current counts against the reference's proportions scaled
 * to the current size (SciPy's `chisquare(f_obs, f_exp)`, k - 1 degrees of freedom), its p-value.
 * A category the reference never had expects 0, so the statistic is infinite and the p-value 0,
 * as SciPy gives it. Drift when the p-value is below the threshold (0.05).
 *
 * @example
 * chiSquareTest(alignedCounts(reference, current)); // 0.0003
 */
export function chiSquareTest(counts: AlignedCounts): number {
  const scale = counts.currentTotal / counts.referenceTotal;
  let statistic = 0;
  for (let i = 0; i < counts.keys.length; i++) {
    const expected = counts.reference[i]! * scale;
    const observed = counts.current[i]!;
    const gap = observed - expected;
    statistic +=
      expected === 0 ? (gap === 0 ? Number.NaN : Number.POSITIVE_INFINITY) : (gap * gap) / expected;
  }
  const degrees = counts.keys.length - 1;
  if (degrees < 1) return Number.NaN;
  return chiSquareSurvival(statistic, degrees);
}

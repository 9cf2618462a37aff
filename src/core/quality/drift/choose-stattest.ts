import type { StattestName } from './column-drift-result.js';

/** Above this many reference rows, Evidently tests distances rather than p-values. */
export const SMALL_REFERENCE_ROWS = 1000;

/**
 * Evidently's default test for a column (`get_default_stattest`): with at most 1000 reference
 * rows, Kolmogorov-Smirnov for numbers with more than 5 distinct values (both sides together),
 * else the z-test for at most 2 values and chi-square above; with more reference rows, the normed
 * Wasserstein distance for such numbers, else the Jensen-Shannon distance.
 *
 * @example
 * chooseStattest({ numeric: true, referenceRows: 700_000, distinct: 98_000 }); // 'wasserstein'
 */
export function chooseStattest(column: {
  readonly numeric: boolean;
  readonly referenceRows: number;
  readonly distinct: number;
}): StattestName {
  const continuous = column.numeric && column.distinct > 5;
  if (column.referenceRows <= SMALL_REFERENCE_ROWS) {
    if (continuous) return 'ks';
    return column.distinct <= 2 ? 'z' : 'chisquare';
  }
  return continuous ? 'wasserstein' : 'jensenshannon';
}

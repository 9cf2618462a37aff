import type { AlignedCounts } from './aligned-counts.js';
import { normalCdf } from './normal-cdf.js';

/**
 * Evidently's z-test for a binary column: the two sides' shares of one of its values compared by a
 * pooled two-proportion z statistic, two-sided p-value `2 * (1 - Φ(|z|))` as Evidently computes it;
 * 1 when both sides hold one same value. Drift when the p-value is below the threshold (0.05).
 *
 * @example
 * zTestProportions(alignedCounts(new Map([['0', 90], ['1', 10]]), new Map([['0', 70], ['1', 30]])));
 */
export function zTestProportions(counts: AlignedCounts): number {
  const present = (side: Float64Array) => side.filter((c) => c > 0).length;
  if (counts.keys.length === 1 && present(counts.reference) === 1 && present(counts.current) === 1) return 1;
  const n1 = counts.referenceTotal;
  const n2 = counts.currentTotal;
  // The share of every value but the first; the two-sided test does not depend on which value is picked.
  const p1 = (n1 - counts.reference[0]!) / n1;
  const p2 = (n2 - counts.current[0]!) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return 2 * (1 - normalCdf(Math.abs(z)));
}

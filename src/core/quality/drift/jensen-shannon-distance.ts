import type { AlignedCounts } from './aligned-counts.js';

/** x·ln(x/y) with SciPy's `rel_entr` conventions (0 when x is 0). */
function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

/**
 * Evidently's Jensen-Shannon drift test: the square root of the Jensen-Shannon divergence (natural
 * logarithm) between the two sides' shares per category, no zero filled (SciPy's
 * `distance.jensenshannon`). Drift when the distance is at or above the threshold (0.1).
 *
 * @example
 * jensenShannonDistance(alignedCounts(new Map([['a', 1]]), new Map([['b', 1]]))); // sqrt(ln 2)
 */
export function jensenShannonDistance(counts: AlignedCounts): number {
  let divergence = 0;
  for (let i = 0; i < counts.keys.length; i++) {
    const p = counts.reference[i]! / counts.referenceTotal;
    const q = counts.current[i]! / counts.currentTotal;
    const m = (p + q) / 2;
    divergence += relativeEntropy(p, m) + relativeEntropy(q, m);
  }
  return Math.sqrt(divergence / 2);
}

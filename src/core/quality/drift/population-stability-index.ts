import { lowerBound } from '../lower-bound.js';
import { quantile } from '../quantile.js';
import type { AlignedCounts } from './aligned-counts.js';

/** Shares below this are taken as this, so that an empty bin gives a large term, not an infinite one. */
const FLOOR = 0.0001;

function psiOf(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i]!, FLOOR);
    const c = Math.max(current[i]!, FLOOR);
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

/**
 * The population stability index of a numeric column as model validators compute it: bins cut at
 * the reference's deciles (linear interpolation; equal cuts merged; each bin closed on the left, as
 * `numpy.histogram`), shares floored at 0.0001, PSI = Σ (current − reference) · ln(current / reference).
 * Below 0.1 is usually read as stable, 0.1 to 0.25 as a moderate shift, above 0.25 as significant.
 *
 * @example
 * numericPsi(referenceSorted, currentSorted); // 0.17
 */
export function numericPsi(reference: Float64Array, current: Float64Array): number {
  const cuts: number[] = [];
  for (let d = 1; d <= 9; d++) {
    const cut = quantile(reference, d / 10)!;
    if (cuts.length === 0 || cut > cuts[cuts.length - 1]!) cuts.push(cut);
  }
  const shares = (sorted: Float64Array) => {
    const out: number[] = [];
    let from = 0;
    for (const cut of cuts) {
      const to = lowerBound(sorted, cut);
      out.push((to - from) / sorted.length);
      from = to;
    }
    out.push((sorted.length - from) / sorted.length);
    return out;
  };
  return psiOf(shares(reference), shares(current));
}

/**
 * The population stability index of a categorical column: one bin per category of either side.
 *
 * @example
 * categoricalPsi(alignedCounts(reference, current)); // 0.16
 */
export function categoricalPsi(counts: AlignedCounts): number {
  return psiOf(
    Array.from(counts.reference, (c) => c / counts.referenceTotal),
    Array.from(counts.current, (c) => c / counts.currentTotal),
  );
}

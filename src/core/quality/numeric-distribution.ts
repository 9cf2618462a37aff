import { lowerBound } from './lower-bound.js';
import type { ColumnDistribution } from './quality-report.js';

/** Bins of a numeric column's chart. */
const BINS = 20;

/**
 * The chart of a numeric column: shares of reference and current values in 20 bins cut at the
 * reference's quantiles (each reference bin about 5%, so where current departs from flat is where it
 * drifted; money amounts, heavy-tailed, would put nearly everything in the first of equal-width
 * bins). The outer edges stretch to both sides' extremes. Null when both sides are empty.
 *
 * @example
 * numericDistribution(referenceSorted, currentSorted); // { kind: 'histogram', edges: [0, 12.5, …], reference: [0.05, …], current: [0.02, …] }
 */
export function numericDistribution(
  reference: Float64Array,
  current: Float64Array,
): ColumnDistribution | null {
  const base = reference.length > 0 ? reference : current;
  if (base.length === 0) return null;
  const edges: number[] = [];
  for (let b = 0; b <= BINS; b++) {
    const value = base[Math.min(base.length - 1, Math.round((b * (base.length - 1)) / BINS))]!;
    if (edges.length === 0 || value > edges[edges.length - 1]!) edges.push(value);
  }
  const low = Math.min(reference[0] ?? Number.POSITIVE_INFINITY, current[0] ?? Number.POSITIVE_INFINITY);
  const high = Math.max(
    reference.at(-1) ?? Number.NEGATIVE_INFINITY,
    current.at(-1) ?? Number.NEGATIVE_INFINITY,
  );
  edges[0] = Math.min(edges[0]!, low);
  if (edges.length === 1) edges.push(edges[0]!);
  edges[edges.length - 1] = Math.max(edges[edges.length - 1]!, high);
  return {
    kind: 'histogram',
    edges,
    reference: binShares(reference, edges),
    current: binShares(current, edges),
  };
}

/** Share of sorted values in each bin `[edge_i, edge_i+1)`, the last bin closed. */
function binShares(sorted: Float64Array, edges: readonly number[]): number[] {
  const shares: number[] = [];
  const n = sorted.length;
  let from = 0;
  for (let b = 1; b < edges.length; b++) {
    const to = b === edges.length - 1 ? n : lowerBound(sorted, edges[b]!);
    shares.push(n > 0 ? (to - from) / n : 0);
    from = to;
  }
  return shares;
}

/**
 * The q-quantile of sorted values by linear interpolation between the closest ranks (numpy's and
 * pandas' default); null when there are none.
 *
 * @example
 * quantile(Float64Array.of(1, 2, 3, 4), 0.25); // 1.75
 */
export function quantile(sorted: Float64Array, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const position = q * (n - 1);
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const fraction = position - below;
  return sorted[below]! + (sorted[above]! - sorted[below]!) * fraction;
}

/**
 * The first index of sorted values whose value is at least `value` (their length when none is).
 *
 * @example
 * lowerBound(Float64Array.of(1, 2, 2, 5), 2); // 1
 */
export function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

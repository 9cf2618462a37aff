/**
 * The q-quantile of observations counted in histogram buckets, interpolated linearly inside the
 * bucket it falls in, as Prometheus' `histogram_quantile` does: `bounds` are the buckets' upper
 * bounds and `counts` the observations per bucket (not cumulative), with one more count for the
 * unbounded last bucket (a quantile there is the last bound). Null when there are no observations.
 *
 * @example
 * histogramQuantile([0.001, 0.01], [90, 10, 0], 0.99); // 0.0091
 */
export function histogramQuantile(
  bounds: readonly number[],
  counts: readonly number[],
  q: number,
): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (let b = 0; b < counts.length; b++) {
    const count = counts[b]!;
    if (below + count >= rank && count > 0) {
      if (b >= bounds.length) return bounds[bounds.length - 1] ?? null;
      const lower = b === 0 ? 0 : bounds[b - 1]!;
      return lower + (bounds[b]! - lower) * ((rank - below) / count);
    }
    below += count;
  }
  return bounds[bounds.length - 1] ?? null;
}

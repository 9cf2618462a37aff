/**
 * The first Wasserstein distance between two samples' empirical distributions (SciPy's
 * `stats.wasserstein_distance(u, v)`): the area between their distribution functions, in one merge
 * pass over the two sorted samples.
 *
 * @example
 * wassersteinDistance(Float64Array.of(0, 1), Float64Array.of(1, 2)); // 1
 */
export function wassersteinDistance(u: Float64Array, v: Float64Array): number {
  const n = u.length;
  const m = v.length;
  let i = 0;
  let j = 0;
  let distance = 0;
  // Walk every value of both samples in order; between two consecutive values the gap between the
  // distribution functions is constant.
  let previous = Math.min(u[0]!, v[0]!);
  while (i < n || j < m) {
    const next = j >= m || (i < n && u[i]! <= v[j]!) ? u[i]! : v[j]!;
    distance += Math.abs(i / n - j / m) * (next - previous);
    while (i < n && u[i] === next) i++;
    while (j < m && v[j] === next) j++;
    previous = next;
  }
  return distance;
}

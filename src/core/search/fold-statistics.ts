/**
 * Mean and population standard deviation of fold scores (scikit-learn's `mean_test_score` and
 * `std_test_score`); `NaN` for no scores.
 *
 * @example
 * foldStatistics([0.8, 0.9]); // { mean: 0.85, std: 0.05 }
 */
export function foldStatistics(scores: readonly number[]): { mean: number; std: number } {
  if (scores.length === 0) return { mean: Number.NaN, std: Number.NaN };
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const variance = scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length;
  return { mean, std: Math.sqrt(variance) };
}

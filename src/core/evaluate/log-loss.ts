/**
 * Mean binary log loss of probabilities against 0/1 labels, probabilities clipped to
 * `[eps, 1 - eps]` as scikit-learn and XGBoost do, so that a confident mistake costs a finite amount.
 *
 * @example
 * logLoss(Float64Array.of(0.9, 0.2), Float32Array.of(1, 0)); // ≈ 0.164
 */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>, eps = 1e-15): number {
  const n = probabilities.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probabilities[i]!, eps), 1 - eps);
    const y = labels[i]!;
    sum -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  }
  return sum / n;
}

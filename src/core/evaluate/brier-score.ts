/**
 * Mean squared difference between predicted probabilities and labels.
 *
 * @example
 * brierScore([0, 1], [0.2, 0.6]); // 0.1
 */
export function brierScore(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const d = probabilities[i]! - labels[i]!;
    sum += d * d;
  }
  return labels.length ? sum / labels.length : Number.NaN;
}

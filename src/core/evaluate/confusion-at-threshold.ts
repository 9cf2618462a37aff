/** Counts and rates when every case with score >= threshold raises an alert. */
export interface Confusion {
  readonly threshold: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly alertRate: number;
}

/**
 * The confusion matrix at an operating threshold.
 *
 * @example
 * confusionAtThreshold([0, 1, 1], [0.2, 0.6, 0.4], 0.5).recall; // 0.5
 */
export function confusionAtThreshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): Confusion {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const alert = scores[i]! >= threshold;
    if (labels[i] === 1) alert ? tp++ : fn++;
    else alert ? fp++ : tn++;
  }
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    precision: tp + fp ? tp / (tp + fp) : Number.NaN,
    recall: tp + fn ? tp / (tp + fn) : Number.NaN,
    alertRate: labels.length ? (tp + fp) / labels.length : Number.NaN,
  };
}

/**
 * The threshold that raises alerts on (about) `rate` of the cases: the score of the
 * ceil(rate × n)-th highest case. The default operating point uses the base rate, so that the
 * alert volume equals the share of cases that are truly positive.
 */
export function thresholdForAlertRate(scores: ArrayLike<number>, rate: number): number {
  const sorted = Float64Array.from(scores).sort();
  if (sorted.length === 0) return Number.NaN;
  const k = Math.min(sorted.length, Math.max(1, Math.ceil(rate * sorted.length)));
  return sorted[sorted.length - k]!;
}

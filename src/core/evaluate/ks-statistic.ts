import { curvePoints } from './curve-points.js';

/**
 * Kolmogorov–Smirnov statistic: the largest gap between the score distributions of positives and
 * negatives (max |TPR − FPR| over thresholds), with the threshold where it occurs.
 *
 * @example
 * ksStatistic([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]).statistic; // 1
 */
export function ksStatistic(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): { statistic: number; threshold: number } {
  const p = curvePoints(labels, scores);
  let statistic = 0;
  let threshold = Number.NaN;
  for (let k = 0; k < p.thresholds.length; k++) {
    const gap = Math.abs(
      (p.positives ? p.truePositives[k]! / p.positives : 0) -
        (p.negatives ? p.falsePositives[k]! / p.negatives : 0),
    );
    if (gap > statistic) {
      statistic = gap;
      threshold = p.thresholds[k]!;
    }
  }
  return { statistic, threshold };
}

import { curvePoints } from './curve-points.js';

export interface PrecisionRecallCurve {
  readonly precision: number[];
  readonly recall: number[];
  readonly thresholds: number[];
}

/**
 * Average precision (the area under the precision–recall curve as scikit-learn's
 * `average_precision_score` computes it: sum over thresholds of precision × recall increase).
 *
 * @example
 * averagePrecision([0, 1, 1], [0.1, 0.8, 0.9]); // 1
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const p = curvePoints(labels, scores);
  if (p.positives === 0) return Number.NaN;
  let ap = 0;
  let previousRecall = 0;
  for (let k = 0; k < p.thresholds.length; k++) {
    const tp = p.truePositives[k]!;
    const recall = tp / p.positives;
    const precision = tp / (tp + p.falsePositives[k]!);
    ap += (recall - previousRecall) * precision;
    previousRecall = recall;
  }
  return ap;
}

/** The precision–recall curve, thinned to at most `maxPoints` points for drawing. */
export function precisionRecallCurve(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  maxPoints = 201,
): PrecisionRecallCurve {
  const p = curvePoints(labels, scores);
  const precision: number[] = [];
  const recall: number[] = [];
  const thresholds: number[] = [];
  const n = p.thresholds.length;
  const stride = Math.max(1, Math.ceil(n / maxPoints));
  for (let k = 0; k < n; k++) {
    if (k % stride !== 0 && k !== n - 1) continue;
    const tp = p.truePositives[k]!;
    precision.push(tp / (tp + p.falsePositives[k]!));
    recall.push(p.positives ? tp / p.positives : 0);
    thresholds.push(p.thresholds[k]!);
  }
  return { precision, recall, thresholds };
}

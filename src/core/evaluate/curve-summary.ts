import type { CurvePoints } from './curve-points.js';
import type { PrecisionRecallCurve } from './precision-recall.js';
import type { RocCurve } from './roc-curve.js';

/** Every ranking metric and curve of a scorer, from its operating points. */
export interface CurveSummary {
  readonly rocAuc: number;
  readonly averagePrecision: number;
  readonly ks: { readonly statistic: number; readonly threshold: number };
  readonly rocCurve: RocCurve;
  readonly prCurve: PrecisionRecallCurve;
}

/**
 * ROC AUC (trapezoids between operating points: ties count one half, as scikit-learn), average
 * precision, KS and the thinned ROC and PR curves, all from one set of operating points, with the
 * same definitions as `rocCurve`, `precisionRecallCurve`, `averagePrecision` and `ksStatistic`, so
 * that a large split is sorted once rather than once per metric.
 *
 * @example
 * curveSummary(sortedCurvePoints(classSortedScores(labels, scores)), 201).rocAuc;
 */
export function curveSummary(points: CurvePoints, maxPoints: number): CurveSummary {
  const { thresholds, truePositives: tps, falsePositives: fps, positives: P, negatives: N } = points;
  const n = thresholds.length;
  let area = 0;
  let ap = 0;
  let ks = 0;
  let ksThreshold = Number.NaN;
  let previousTp = 0;
  let previousFp = 0;
  for (let k = 0; k < n; k++) {
    const tp = tps[k]!;
    const fp = fps[k]!;
    area += ((fp - previousFp) * (tp + previousTp)) / 2;
    if (P > 0) ap += ((tp - previousTp) / P) * (tp / (tp + fp));
    const gap = Math.abs((P ? tp / P : 0) - (N ? fp / N : 0));
    if (gap > ks) {
      ks = gap;
      ksThreshold = thresholds[k]!;
    }
    previousTp = tp;
    previousFp = fp;
  }
  const roc: RocCurve = { fpr: [0], tpr: [0], thresholds: [Number.POSITIVE_INFINITY] };
  const rocStride = Math.max(1, Math.ceil(n / (maxPoints - 1)));
  const pr: PrecisionRecallCurve = { precision: [], recall: [], thresholds: [] };
  const prStride = Math.max(1, Math.ceil(n / maxPoints));
  for (let k = 0; k < n; k++) {
    const tp = tps[k]!;
    if (k % rocStride === 0 || k === n - 1) {
      roc.fpr.push(N ? fps[k]! / N : 0);
      roc.tpr.push(P ? tp / P : 0);
      roc.thresholds.push(thresholds[k]!);
    }
    if (k % prStride === 0 || k === n - 1) {
      pr.precision.push(tp / (tp + fps[k]!));
      pr.recall.push(P ? tp / P : 0);
      pr.thresholds.push(thresholds[k]!);
    }
  }
  return {
    rocAuc: P > 0 && N > 0 ? area / P / N : Number.NaN,
    averagePrecision: P > 0 ? ap : Number.NaN,
    ks: { statistic: ks, threshold: ksThreshold },
    rocCurve: roc,
    prCurve: pr,
  };
}

import { classCounts, orderByScoreDescending } from './ranking.js';

/** Cumulative counts at each distinct score threshold, from the highest score down. */
export interface CurvePoints {
  readonly thresholds: Float64Array;
  /** True positives among rows with score >= threshold. */
  readonly truePositives: Float64Array;
  readonly falsePositives: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * The operating points of a scorer: one per distinct score (rows with equal scores move together),
 * as scikit-learn's `_binary_clf_curve`.
 */
export function curvePoints(labels: ArrayLike<number>, scores: ArrayLike<number>): CurvePoints {
  const order = orderByScoreDescending(scores);
  const { positives, negatives } = classCounts(labels);
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (labels[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      thresholds.push(scores[i]!);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return {
    thresholds: Float64Array.from(thresholds),
    truePositives: Float64Array.from(tps),
    falsePositives: Float64Array.from(fps),
    positives,
    negatives,
  };
}

import { curvePoints } from './curve-points.js';

export interface RocCurve {
  readonly fpr: number[];
  readonly tpr: number[];
  readonly thresholds: number[];
}

/**
 * The ROC curve, starting at (0, 0), thinned to at most `maxPoints` points for drawing.
 *
 * @example
 * rocCurve([0, 1], [0.1, 0.9]).tpr; // [0, 1, 1]
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, maxPoints = 201): RocCurve {
  const points = curvePoints(labels, scores);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Number.POSITIVE_INFINITY];
  const n = points.thresholds.length;
  const stride = Math.max(1, Math.ceil(n / (maxPoints - 1)));
  for (let k = 0; k < n; k++) {
    if (k % stride !== 0 && k !== n - 1) continue;
    fpr.push(points.negatives ? points.falsePositives[k]! / points.negatives : 0);
    tpr.push(points.positives ? points.truePositives[k]! / points.positives : 0);
    thresholds.push(points.thresholds[k]!);
  }
  return { fpr, tpr, thresholds };
}

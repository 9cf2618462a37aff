import type { ClassSortedScores } from './class-sorted-scores.js';
import type { CurvePoints } from './curve-points.js';

/**
 * The same operating points as `curvePoints` (one per distinct score, from the highest down), by
 * merging the two sorted classes instead of sorting all rows.
 *
 * @example
 * sortedCurvePoints(classSortedScores([0, 1, 1], [0.2, 0.9, 0.2])).truePositives; // [1, 2]
 */
export function sortedCurvePoints(sorted: ClassSortedScores): CurvePoints {
  const { positives, negatives } = sorted;
  let i = positives.length - 1;
  let j = negatives.length - 1;
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const s = i < 0 ? negatives[j]! : j < 0 ? positives[i]! : Math.max(positives[i]!, negatives[j]!);
    while (i >= 0 && positives[i] === s) {
      tp++;
      i--;
    }
    while (j >= 0 && negatives[j] === s) {
      fp++;
      j--;
    }
    thresholds.push(s);
    tps.push(tp);
    fps.push(fp);
  }
  return {
    thresholds: Float64Array.from(thresholds),
    truePositives: Float64Array.from(tps),
    falsePositives: Float64Array.from(fps),
    positives: positives.length,
    negatives: negatives.length,
  };
}

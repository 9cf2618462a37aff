import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.js';
import { calibrationTable } from './calibration-table.js';
import { classSortedScores } from './class-sorted-scores.js';
import { curvePoints } from './curve-points.js';
import { curveSummary } from './curve-summary.js';
import { ksStatistic } from './ks-statistic.js';
import { averagePrecision, precisionRecallCurve } from './precision-recall.js';
import { rocAuc } from './roc-auc.js';
import { rocCurve } from './roc-curve.js';
import { sortedCalibrationTable } from './sorted-calibration-table.js';
import { sortedCurvePoints } from './sorted-curve-points.js';

describe('the one-sort path of the evaluation report agrees with each metric computed alone', () => {
  const rng = new Rng(9);
  const n = 5000;
  const labels = Uint8Array.from({ length: n }, () => (rng.next() < 0.05 ? 1 : 0));
  // Scores rounded to 2 decimals: many ties, within and across classes.
  const scores = Float64Array.from(
    labels,
    (y) => Math.round(100 * Math.min(1, Math.max(0, 0.2 + 0.3 * y + 0.2 * rng.normal()))) / 100,
  );
  const sorted = classSortedScores(labels, scores);
  const points = sortedCurvePoints(sorted);
  const summary = curveSummary(points, 101);

  it('finds the same operating points as curvePoints', () => {
    expect(points).toEqual(curvePoints(labels, scores));
  });

  it('gives the same ROC AUC, average precision, KS and curves', () => {
    expect(summary.rocAuc).toBeCloseTo(rocAuc(scores, labels), 12);
    expect(summary.averagePrecision).toBeCloseTo(averagePrecision(labels, scores), 12);
    expect(summary.ks).toEqual(ksStatistic(labels, scores));
    expect(summary.rocCurve).toEqual(rocCurve(labels, scores, 101));
    expect(summary.prCurve).toEqual(precisionRecallCurve(labels, scores, 101));
  });

  it('gives the same calibration table when no tie straddles a bin boundary', () => {
    const distinct = Float64Array.from(scores, (s, i) => s + i * 1e-9);
    expect(sortedCalibrationTable(classSortedScores(labels, distinct), 7)).toEqual(
      calibrationTable(labels, distinct, 7).map((b) => ({
        ...b,
        meanPredicted: expect.closeTo(b.meanPredicted, 12),
      })),
    );
  });
});

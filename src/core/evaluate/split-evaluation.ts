import { brierScore } from './brier-score.js';
import type { CalibrationBin } from './calibration-table.js';
import { classSortedScores } from './class-sorted-scores.js';
import { type Confusion, confusionAtThreshold } from './confusion-at-threshold.js';
import { curveSummary } from './curve-summary.js';
import { logLoss } from './log-loss.js';
import type { PrecisionRecallCurve } from './precision-recall.js';
import { type RocAucInterval, rocAucInterval } from './roc-auc-interval.js';
import { type ScoreDistribution, scoreDistribution } from './score-distribution.js';
import { sortedCalibrationTable } from './sorted-calibration-table.js';
import { sortedCurvePoints } from './sorted-curve-points.js';
import { type ThresholdTable, thresholdTable } from './threshold-table.js';

/** How one split scored. Numbers that do not exist (e.g. ROC AUC without positives) are `null`, as JSON stores them. */
export interface SplitEvaluation {
  readonly rows: number;
  readonly positives: number;
  readonly positiveRate: number | null;
  readonly rocAuc: number | null;
  /** Its 95% confidence interval (DeLong); null without two rows of each class. */
  readonly rocAucInterval: RocAucInterval | null;
  /** Area under the precision–recall curve (average precision). */
  readonly prAuc: number | null;
  readonly logLoss: number | null;
  readonly brier: number | null;
  readonly ks: { readonly statistic: number; readonly threshold: number | null };
  readonly calibration: readonly CalibrationBin[];
  readonly confusion: Confusion;
  /** Thinned for drawing; the first ROC point, before any alert, has threshold `null` (infinity). */
  readonly rocCurve: {
    readonly fpr: number[];
    readonly tpr: number[];
    readonly thresholds: (number | null)[];
  };
  readonly prCurve: PrecisionRecallCurve;
  /** Scores per class in equal-width bins (reported for the test split). */
  readonly scoreDistribution?: ScoreDistribution;
  /**
   * Threshold, precision, recall and counts by alert rate (reported for the test split; absent
   * from evaluations written before amlops kept it): what the alert budget is read from.
   */
  readonly thresholdTable?: ThresholdTable;
}

/** Sizes of the drawn parts of an evaluation. */
export interface EvaluationShape {
  readonly curvePoints: number;
  readonly calibrationBins: number;
  readonly distributionBins: number;
}

/**
 * Every metric of one split at an operating `threshold`, with the score distribution and the
 * threshold table when `heldOut` (the test split, or a labelled file the model never saw).
 *
 * @example
 * evaluateSplit([0, 1], [0.2, 0.7], 0.5, { curvePoints: 201, calibrationBins: 10, distributionBins: 20 }, false).rocAuc; // 1
 */
export function evaluateSplit(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
  shape: EvaluationShape,
  heldOut: boolean,
): SplitEvaluation {
  // One sort of each class serves every curve, rank metric, the calibration and threshold tables.
  const sorted = classSortedScores(labels, probabilities);
  const points = sortedCurvePoints(sorted);
  const curves = curveSummary(points, shape.curvePoints);
  const positives = sorted.positives.length;
  const n = labels.length;
  return {
    rows: n,
    positives,
    positiveRate: finite(positives / n),
    rocAuc: finite(curves.rocAuc),
    rocAucInterval: rocAucInterval(sorted),
    prAuc: finite(curves.averagePrecision),
    logLoss: finite(logLoss(probabilities, labels)),
    brier: finite(brierScore(labels, probabilities)),
    ks: { statistic: curves.ks.statistic, threshold: finite(curves.ks.threshold) },
    calibration: sortedCalibrationTable(sorted, shape.calibrationBins),
    confusion: jsonSafeConfusion(confusionAtThreshold(labels, probabilities, threshold)),
    rocCurve: { ...curves.rocCurve, thresholds: curves.rocCurve.thresholds.map(finite) },
    prCurve: curves.prCurve,
    ...(heldOut
      ? {
          scoreDistribution: scoreDistribution(labels, probabilities, shape.distributionBins),
          thresholdTable: thresholdTable(points),
        }
      : {}),
  };
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function jsonSafeConfusion(c: Confusion): Confusion {
  // Precision without alerts is undefined; 0 keeps the record numeric (and the counts tell why).
  return {
    ...c,
    precision: Number.isNaN(c.precision) ? 0 : c.precision,
    recall: Number.isNaN(c.recall) ? 0 : c.recall,
    alertRate: Number.isNaN(c.alertRate) ? 0 : c.alertRate,
  };
}

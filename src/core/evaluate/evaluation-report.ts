import { thresholdForAlertRate } from './confusion-at-threshold.js';
import { classCounts } from './ranking.js';
import type { SegmentReport } from './segment-report.js';
import { type EvaluationShape, evaluateSplit, type SplitEvaluation } from './split-evaluation.js';

/** Labels (1 = positive) and predicted probabilities of one split. */
export interface ScoredSplit {
  readonly labels: ArrayLike<number>;
  readonly probabilities: ArrayLike<number>;
}

/** Where the operating threshold comes from. */
export type ThresholdRule =
  /** A fixed score: alert when the probability is at least this. */
  | { readonly kind: 'fixed'; readonly value: number }
  /** Alert on this share of cases, ranked on the training split. */
  | { readonly kind: 'alert-rate'; readonly rate: number }
  /** Alert on as many cases as the training split has positives (the default). */
  | { readonly kind: 'base-rate' };

export interface EvaluationOptions extends Partial<EvaluationShape> {
  readonly threshold?: ThresholdRule;
}

/** The evaluation of a model: plain JSON, stored as an artifact and drawn by the UI. */
export interface EvaluationReport {
  readonly threshold: { readonly value: number; readonly rule: ThresholdRule; readonly alertRate: number };
  readonly train: SplitEvaluation;
  readonly test: SplitEvaluation;
  /**
   * The test split by segment (risk level, amount bands, configured columns), added by the training
   * flow (see `segmentReport`); absent from evaluations written before amlops kept it.
   */
  readonly segments?: SegmentReport;
}

/**
 * Evaluates a model on its training and test splits: ROC AUC, PR AUC, log loss, Brier, KS,
 * calibration, the confusion matrix with precision and recall at the operating threshold, thinned
 * ROC and PR curves, and the test scores' distribution per class. The threshold is set on the
 * training split (by default so that alerts are as many as the positives there) and applied
 * unchanged to the test split, as it would be in production. Feature importance comes from the
 * booster and is added by the caller.
 *
 * @example
 * const report = evaluationReport({ labels: yTrain, probabilities: pTrain }, { labels: yTest, probabilities: pTest });
 * report.test.rocAuc; report.test.confusion.recall; report.threshold.value;
 */
export function evaluationReport(
  train: ScoredSplit,
  test: ScoredSplit,
  options: EvaluationOptions = {},
): EvaluationReport {
  const shape: EvaluationShape = {
    curvePoints: options.curvePoints ?? 201,
    calibrationBins: options.calibrationBins ?? 10,
    distributionBins: options.distributionBins ?? 20,
  };
  const rule = options.threshold ?? { kind: 'base-rate' };
  const alertRate =
    rule.kind === 'alert-rate'
      ? rule.rate
      : rule.kind === 'base-rate'
        ? classCounts(train.labels).positives / Math.max(1, train.labels.length)
        : Number.NaN;
  const value = rule.kind === 'fixed' ? rule.value : thresholdForAlertRate(train.probabilities, alertRate);
  return {
    threshold: {
      value,
      rule,
      alertRate: rule.kind === 'fixed' ? alertRateAt(train.probabilities, value) : alertRate,
    },
    train: evaluateSplit(train.labels, train.probabilities, value, shape, false),
    test: evaluateSplit(test.labels, test.probabilities, value, shape, true),
  };
}

function alertRateAt(scores: ArrayLike<number>, threshold: number): number {
  let alerts = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= threshold) alerts++;
  return scores.length ? alerts / scores.length : 0;
}

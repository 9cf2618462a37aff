import type { Frame } from '../frame/index.js';
import { type SegmentBreakdown, segmentBreakdown } from './segment-breakdown.js';
import { segmentCuts } from './segment-cuts.js';
import { MIN_SEGMENT_CLASS_COUNT } from './segment-metrics.js';
import type { SegmentSpec } from './segment-spec.js';
import { segmentValues } from './segment-values.js';

/**
 * The threshold segments are measured at: the version's alert threshold when one is recorded (the
 * one that sends cases to the analysts), else the operating threshold its evaluation chose.
 */
export interface SegmentThreshold {
  readonly value: number;
  readonly source: 'alert-threshold' | 'operating';
}

/** The test split broken down by segment, stored in the evaluation (`report.segments`). */
export interface SegmentReport {
  readonly split: 'test';
  readonly threshold: SegmentThreshold;
  /** Positives and negatives a segment needs for its ROC AUC. */
  readonly minClassCount: number;
  readonly breakdowns: readonly SegmentBreakdown[];
  /** Columns asked for that could not be broken down, and why. */
  readonly skipped: readonly { readonly column: string; readonly reason: string }[];
}

/** What to break the test split down by. */
export interface SegmentRequest {
  /** Columns, each once: numeric ones in bands, others by value. */
  readonly columns: readonly string[];
  /** Quantile bands of a numeric column, cut on the training split. */
  readonly bands: number;
  readonly threshold: SegmentThreshold;
}

/**
 * The evaluation by segment: for each column asked, the test split's ROC AUC, precision and recall
 * at the threshold, alert rate, count and positives per segment. A numeric column is cut in
 * `bands` quantile bands of the training split (its cuts kept in the report, for live performance
 * to cut the same way); categories and text by value. Columns the data lacks are skipped, with why.
 *
 * @example
 * const report = segmentReport(train.frame, { frame: test.frame, labels: test.labels, probabilities },
 *   { columns: ['risk_pld', 'total_outcome_dollar_amount'], bands: 4, threshold: { value: 0.42, source: 'operating' } });
 * report.breakdowns[0].segments; // [{ segment: 'HIGH', … }, { segment: 'LOW', … }, { segment: 'MEDIUM', … }]
 */
export function segmentReport(
  train: Frame,
  test: {
    readonly frame: Frame;
    readonly labels: ArrayLike<number>;
    readonly probabilities: ArrayLike<number>;
  },
  request: SegmentRequest,
): SegmentReport {
  const breakdowns: SegmentBreakdown[] = [];
  const skipped: { column: string; reason: string }[] = [];
  for (const column of new Set(request.columns)) {
    const fitted = train.get(column);
    const values = segmentValues(test.frame, column);
    if (!fitted || !values) {
      skipped.push({
        column,
        reason: `the ${fitted ? 'test' : 'training'} data has no column '${column}'`,
      });
      continue;
    }
    const trainValues = segmentValues(train, column)!;
    const spec: SegmentSpec =
      trainValues.kind === 'numeric' && values.kind === 'numeric'
        ? { column, kind: 'band', cuts: segmentCuts(trainValues.values, request.bands) }
        : { column, kind: 'value' };
    breakdowns.push(segmentBreakdown(test.labels, test.probabilities, values, spec, request.threshold.value));
  }
  return {
    split: 'test',
    threshold: request.threshold,
    minClassCount: MIN_SEGMENT_CLASS_COUNT,
    breakdowns,
    skipped,
  };
}

import { rocAuc } from './roc-auc.js';
import type { SegmentAssignment } from './segment-assignment.js';

/**
 * Fewer positives or negatives than this in a segment and its ROC AUC is not reported: with 30 of
 * each, the 95% interval of an AUC near 0.85 is already about ±0.1 wide.
 */
export const MIN_SEGMENT_CLASS_COUNT = 30;

/** How one segment scored. Numbers that do not exist there (no alert, no positive) are null. */
export interface SegmentMetrics {
  /** The value, the band (`250 to < 1305.06`), `(missing)` or `(other)`. */
  readonly segment: string;
  /** A band's bounds: `from` inclusive, `to` exclusive, null unbounded. */
  readonly band?: { readonly from: number | null; readonly to: number | null };
  readonly count: number;
  readonly positives: number;
  readonly negatives: number;
  /** Null when the segment is too small to measure (see `warning`). */
  readonly rocAuc: number | null;
  /** Cases at or above the threshold; null without a threshold. */
  readonly alerts: number | null;
  readonly alertRate: number | null;
  /** Share of the segment's alerts that are positive; null without alerts. */
  readonly precision: number | null;
  /** Share of the segment's positives alerted; null without positives. */
  readonly recall: number | null;
  /** Why a figure is missing or uncertain; null when the segment is large enough. */
  readonly warning: string | null;
}

/**
 * ROC AUC, precision and recall at `threshold` (a case is alerted when its score is at or above
 * it), alert rate, count and positives of every segment. A segment with fewer than
 * {@link MIN_SEGMENT_CLASS_COUNT} positives or negatives gets no ROC AUC and a warning saying so;
 * its counts, precision and recall are still given. Without a threshold (null), the alert figures
 * are null.
 *
 * @example
 * const assignment = segmentAssignment({ kind: 'cells', values: risk }, { column: 'risk_pld', kind: 'value' });
 * segmentMetrics(labels, scores, assignment, 0.42)[0]; // { segment: 'HIGH', count: 412, positives: 88, rocAuc: 0.91, … }
 */
export function segmentMetrics(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  assignment: SegmentAssignment,
  threshold: number | null,
): SegmentMetrics[] {
  const k = assignment.names.length;
  const count = new Uint32Array(k);
  const positives = new Uint32Array(k);
  const alerts = new Uint32Array(k);
  const truePositives = new Uint32Array(k);
  const { index } = assignment;
  for (let i = 0; i < index.length; i++) {
    const s = index[i]!;
    const positive = labels[i] === 1;
    count[s]!++;
    if (positive) positives[s]!++;
    if (threshold !== null && scores[i]! >= threshold) {
      alerts[s]!++;
      if (positive) truePositives[s]!++;
    }
  }
  // The scores and labels of each segment, laid out one segment after another.
  const start = new Uint32Array(k + 1);
  for (let s = 0; s < k; s++) start[s + 1] = start[s]! + count[s]!;
  const fill = start.slice(0, k);
  const segmentScores = new Float64Array(index.length);
  const segmentLabels = new Uint8Array(index.length);
  for (let i = 0; i < index.length; i++) {
    const at = fill[index[i]!]!++;
    segmentScores[at] = scores[i]!;
    segmentLabels[at] = labels[i] === 1 ? 1 : 0;
  }
  return assignment.names.map((segment, s) => {
    const n = count[s]!;
    const p = positives[s]!;
    const measurable = p >= MIN_SEGMENT_CLASS_COUNT && n - p >= MIN_SEGMENT_CLASS_COUNT;
    const band = assignment.bands?.[s];
    const a = alerts[s]!;
    return {
      segment,
      ...(band ? { band } : {}),
      count: n,
      positives: p,
      negatives: n - p,
      rocAuc: measurable
        ? rocAuc(
            segmentScores.subarray(start[s]!, start[s + 1]!),
            segmentLabels.subarray(start[s]!, start[s + 1]!),
          )
        : null,
      alerts: threshold === null ? null : a,
      alertRate: threshold === null || n === 0 ? null : a / n,
      precision: threshold === null || a === 0 ? null : truePositives[s]! / a,
      recall: threshold === null || p === 0 ? null : truePositives[s]! / p,
      warning: measurable ? null : tooSmall(n, p),
    };
  });
}

function tooSmall(count: number, positives: number): string {
  if (count === 0) return 'no cases in this segment';
  const negatives = count - positives;
  const short = [
    ...(positives < MIN_SEGMENT_CLASS_COUNT ? [`${positives} positive${positives === 1 ? '' : 's'}`] : []),
    ...(negatives < MIN_SEGMENT_CLASS_COUNT ? [`${negatives} negative${negatives === 1 ? '' : 's'}`] : []),
  ];
  return `too small to measure: ${short.join(' and ')} (fewer than ${MIN_SEGMENT_CLASS_COUNT}); ROC AUC not reported, precision and recall uncertain`;
}

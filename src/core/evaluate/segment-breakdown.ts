import { segmentAssignment } from './segment-assignment.js';
import { type SegmentMetrics, segmentMetrics } from './segment-metrics.js';
import type { SegmentSpec, SegmentValues } from './segment-spec.js';

/** The cases broken down by one column: each segment's figures. */
export interface SegmentBreakdown {
  readonly column: string;
  readonly kind: 'value' | 'band';
  /** A band breakdown's cut points (the training split's quantiles); null by value. */
  readonly cuts: readonly number[] | null;
  readonly segments: readonly SegmentMetrics[];
}

/**
 * The figures of every segment of `spec`'s column (see `segmentAssignment` for the segments and
 * `segmentMetrics` for the figures).
 *
 * @example
 * segmentBreakdown(labels, scores, { kind: 'cells', values: risk }, { column: 'risk_pld', kind: 'value' }, 0.42);
 * // { column: 'risk_pld', kind: 'value', cuts: null, segments: [{ segment: 'HIGH', … }, …] }
 */
export function segmentBreakdown(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  values: SegmentValues,
  spec: SegmentSpec,
  threshold: number | null,
): SegmentBreakdown {
  return {
    column: spec.column,
    kind: spec.kind,
    cuts: spec.kind === 'band' ? [...spec.cuts] : null,
    segments: segmentMetrics(labels, scores, segmentAssignment(values, spec), threshold),
  };
}

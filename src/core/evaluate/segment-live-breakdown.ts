import { type SegmentBreakdown, segmentBreakdown } from './segment-breakdown.js';
import { segmentCuts } from './segment-cuts.js';
import { MIN_SEGMENT_CLASS_COUNT } from './segment-metrics.js';
import type { SegmentThreshold } from './segment-report.js';
import type { SegmentSpec } from './segment-spec.js';

/** A concluded case as live performance reads it: its score, label and inputs as scored. */
export interface ConcludedInputs {
  readonly score: number;
  readonly label: 0 | 1;
  readonly inputs: Readonly<Record<string, string | number | null>>;
}

/** What the version's training knew: the threshold to measure at, and how its evaluation cut the column. */
export interface LiveSegmentContext {
  /** Null when the version has neither a recorded alert threshold nor an evaluation. */
  readonly threshold: SegmentThreshold | null;
  /** The version's test evaluation broken down by the same column, when it was. */
  readonly training?: Pick<SegmentBreakdown, 'kind' | 'cuts'>;
}

/** One version's concluded cases broken down by a column. */
export interface LiveSegments {
  readonly column: string;
  readonly threshold: SegmentThreshold | null;
  /** Where a band breakdown's cuts come from: the version's training split, or (lacking those) the concluded cases. */
  readonly bandsFrom: 'training' | 'concluded-cases' | null;
  readonly minClassCount: number;
  /** Null when no concluded case has the column among its inputs. */
  readonly breakdown: SegmentBreakdown | null;
  /** What limits the figures (no threshold, bands not from training, the column not scored). */
  readonly notes: readonly string[];
}

/** Bands of a numeric column when the version's evaluation kept none: the concluded cases' quartiles. */
export const FALLBACK_BANDS = 4;

/**
 * Live performance of one version by segment of `column`, read from the inputs it scored: the
 * same segments as its test evaluation (a numeric column cut at the training split's cuts), each
 * with ROC AUC, precision and recall at the threshold, alert rate, count and positives (see
 * `segmentMetrics`). A numeric column the evaluation did not cut is cut at the concluded cases' own
 * quartiles, and the notes say so.
 *
 * @example
 * segmentLiveBreakdown(cases, 'risk_pld', { threshold: { value: 0.81, source: 'alert-threshold' } });
 * // { column: 'risk_pld', breakdown: { kind: 'value', segments: [{ segment: 'HIGH', … }, …] }, … }
 */
export function segmentLiveBreakdown(
  cases: readonly ConcludedInputs[],
  column: string,
  context: LiveSegmentContext,
): LiveSegments {
  const notes: string[] = [];
  if (context.threshold === null)
    notes.push(
      'no threshold: the version has no recorded alert threshold and no evaluation to take the operating one from, so alerts, precision and recall are not given',
    );
  const values = cases.map((c) => c.inputs[column] ?? null);
  const result = { column, threshold: context.threshold, minClassCount: MIN_SEGMENT_CLASS_COUNT };
  if (!cases.some((c) => Object.hasOwn(c.inputs, column))) {
    const known = [...new Set(cases.flatMap((c) => Object.keys(c.inputs)))].sort();
    notes.push(
      `the concluded cases have no input '${column}'${known.length ? ` (their inputs: ${known.join(', ')})` : ''}`,
    );
    return { ...result, bandsFrom: null, breakdown: null, notes };
  }
  let spec: SegmentSpec;
  let bandsFrom: LiveSegments['bandsFrom'] = null;
  if (context.training?.kind === 'band' && context.training.cuts) {
    spec = { column, kind: 'band', cuts: context.training.cuts };
    bandsFrom = 'training';
  } else if (!context.training && values.every((v) => v === null || typeof v === 'number')) {
    const numbers = Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
    spec = { column, kind: 'band', cuts: segmentCuts(numbers, FALLBACK_BANDS) };
    bandsFrom = 'concluded-cases';
    notes.push(
      `the version's evaluation keeps no bands of '${column}': cut at the concluded cases' own quartiles, not at the training split's`,
    );
  } else spec = { column, kind: 'value' };
  const labels = Uint8Array.from(cases, (c) => c.label);
  const scores = Float64Array.from(cases, (c) => c.score);
  const breakdown = segmentBreakdown(
    labels,
    scores,
    { kind: 'cells', values },
    spec,
    context.threshold?.value ?? null,
  );
  return { ...result, bandsFrom, breakdown, notes };
}

import { sampleDraw } from './sample-draw.js';

/** Why a scored case goes to the analysts: its score reached the threshold, or it was sampled below it. */
export type CaseOpeningKind = 'alert' | 'sampled';

/**
 * Whether a scored case opens (or attaches to) a case: `alert` at or above its version's alert
 * threshold; `sampled` below it when its draw (`sampleDraw`) falls under `sampleRate`; null
 * otherwise, and always null for a version without a threshold (nothing to compare with).
 *
 * @example
 * caseOpeningKind(0.93, 0.8, 'r-1', 0, 0); // 'alert'
 * caseOpeningKind(0.10, 0.8, 'r-1', 0, 1); // 'sampled'
 * caseOpeningKind(0.99, undefined, 'r-1', 0, 0); // null
 */
export function caseOpeningKind(
  score: number,
  threshold: number | undefined,
  requestId: string,
  row: number,
  sampleRate: number,
): CaseOpeningKind | null {
  if (threshold === undefined) return null;
  if (score >= threshold) return 'alert';
  if (sampleRate > 0 && sampleDraw(requestId, row) < sampleRate) return 'sampled';
  return null;
}

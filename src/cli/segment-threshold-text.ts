import type { SegmentThreshold } from '../core/evaluate/segment-report.js';

/**
 * The threshold segments are measured at, and where it comes from, for a line of text.
 *
 * @example
 * segmentThresholdText({ value: 0.8113, source: 'alert-threshold' }); // "the version's alert threshold 0.8113"
 */
export function segmentThresholdText(threshold: SegmentThreshold | null): string {
  if (threshold === null) return 'no threshold';
  return threshold.source === 'alert-threshold'
    ? `the version's alert threshold ${threshold.value.toFixed(4)}`
    : `the operating threshold ${threshold.value.toFixed(4)} of its evaluation`;
}

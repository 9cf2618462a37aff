import type { SegmentReport } from './segment-report.js';

/** A segment whose ROC AUC is this much below the whole split's is called out. */
export const WEAK_SEGMENT_MARGIN = 0.05;

/**
 * What the evaluation by segment calls for on a model card: the segments too small to measure, and
 * those the model ranks clearly worse than the whole test split (ROC AUC lower by more than
 * {@link WEAK_SEGMENT_MARGIN}).
 *
 * @example
 * segmentCaveats(report, 0.93);
 * // ['risk_pld LOW ranks worse than the whole test split: ROC AUC 0.8100 against 0.9300', …]
 */
export function segmentCaveats(report: SegmentReport, testRocAuc: number | undefined): string[] {
  const caveats: string[] = [];
  const small: string[] = [];
  for (const breakdown of report.breakdowns)
    for (const s of breakdown.segments) {
      const name = `${breakdown.column} ${s.segment}`;
      if (s.count > 0 && s.rocAuc === null) small.push(name);
      if (s.rocAuc !== null && testRocAuc !== undefined && testRocAuc - s.rocAuc > WEAK_SEGMENT_MARGIN)
        caveats.push(
          `${name} ranks worse than the whole test split: ROC AUC ${s.rocAuc.toFixed(4)} against ${testRocAuc.toFixed(4)}`,
        );
    }
  if (small.length > 0)
    caveats.unshift(
      `${small.length} segment${small.length === 1 ? ' is' : 's are'} too small to measure (fewer than ${report.minClassCount} positives or negatives in the test split), their ROC AUC not reported: ${small.join(', ')}`,
    );
  return caveats;
}

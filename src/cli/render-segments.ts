import type { SegmentBreakdown } from '../core/evaluate/segment-breakdown.js';
import { renderTable } from './render-table.js';

const figure = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(4));

/**
 * Segments as a plain-text table, one row per segment (the column named on each row when several
 * breakdowns share the table), each line indented by `indent`.
 *
 * @example
 * renderSegments([breakdown], '  ');
 * // '  SEGMENT  CASES  POSITIVES  ROC AUC  PRECISION  RECALL  ALERT RATE  NOTE\n  HIGH     412    …'
 */
export function renderSegments(breakdowns: readonly SegmentBreakdown[], indent = ''): string {
  const named = breakdowns.length > 1;
  const headers = [
    ...(named ? ['COLUMN'] : []),
    'SEGMENT',
    'CASES',
    'POSITIVES',
    'ROC AUC',
    'PRECISION',
    'RECALL',
    'ALERT RATE',
    'NOTE',
  ];
  const rows = breakdowns.flatMap((b) =>
    b.segments.map((s) => [
      ...(named ? [b.column] : []),
      s.segment,
      String(s.count),
      String(s.positives),
      figure(s.rocAuc),
      figure(s.precision),
      figure(s.recall),
      figure(s.alertRate),
      s.warning ?? '',
    ]),
  );
  return renderTable(headers, rows)
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join('\n');
}

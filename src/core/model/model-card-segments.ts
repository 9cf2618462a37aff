import type { SegmentReport } from '../evaluate/segment-report.js';

const figure = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(4));

/**
 * The model card's "Segments" section in Markdown: per column, a table of each segment's cases,
 * positives, ROC AUC, precision, recall and alert rate at the threshold, and why a figure is
 * missing; then the columns that could not be broken down.
 *
 * @example
 * modelCardSegmentLines(report)[0]; // '## Segments'
 */
export function modelCardSegmentLines(report: SegmentReport): string[] {
  const at =
    report.threshold.source === 'alert-threshold'
      ? `the version's alert threshold ${report.threshold.value.toFixed(4)}`
      : `the operating threshold ${report.threshold.value.toFixed(4)} (as many alerts as the train split has positives)`;
  const lines = [
    '## Segments',
    '',
    `The test split by segment, alerts at ${at}. A segment's ROC AUC needs at least ${report.minClassCount} positives and ${report.minClassCount} negatives.`,
  ];
  for (const breakdown of report.breakdowns) {
    lines.push(
      '',
      `### ${breakdown.column}${breakdown.kind === 'band' ? ` (quantile bands of the train split, cut at ${breakdown.cuts!.join(', ') || 'nothing: one value'})` : ''}`,
      '',
      '| segment | cases | positives | ROC AUC | precision | recall | alert rate | note |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const s of breakdown.segments)
      lines.push(
        `| ${s.segment.replace(/\|/g, '\\|')} | ${s.count} | ${s.positives} | ${figure(s.rocAuc)} | ${figure(s.precision)} | ${figure(s.recall)} | ${figure(s.alertRate)} | ${s.warning ?? ''} |`,
      );
  }
  if (report.skipped.length > 0)
    lines.push('', 'Not broken down:', '', ...report.skipped.map((s) => `- \`${s.column}\`: ${s.reason}`));
  lines.push('');
  return lines;
}

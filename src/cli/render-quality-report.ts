import type { QualityReport } from '../core/quality/quality-report.js';
import { renderTable } from './render-table.js';

const number = (value: number | null | undefined, digits = 4): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/**
 * A quality report for the terminal: the verdict, the dataset figures side by side, a line per
 * column (drifting first) and the warnings.
 *
 * @example
 * context.print(command, report, () => renderQualityReport(report));
 */
export function renderQualityReport(report: QualityReport): string {
  const { drift, dataset } = report;
  const verdict = drift.datasetDrift
    ? `DATASET DRIFT: ${drift.drifted} of ${drift.columns} columns drifted (${percent(drift.share)} >= ${percent(drift.threshold)})`
    : `no dataset drift: ${drift.drifted} of ${drift.columns} columns drifted (${percent(drift.share)} < ${percent(drift.threshold)})`;
  const side = (stats: QualityReport['dataset']['reference']) => [
    String(stats.rows),
    `${stats.missingValues} (${percent(stats.missingShare)})`,
    String(stats.duplicatedRows),
    stats.target ? `${stats.target.positives} (${percent(stats.target.positiveShare)})` : '-',
  ];
  const reference = side(dataset.reference);
  const current = side(dataset.current);
  const datasetTable = renderTable(
    ['', 'REFERENCE', 'CURRENT'],
    ['rows', 'missing cells', 'duplicated rows', 'positives'].map((label, i) => [
      label,
      reference[i]!,
      current[i]!,
    ]),
  );
  const columns = renderTable(
    ['COLUMN', 'KIND', 'TEST', 'SCORE', 'THRESHOLD', 'DRIFT', 'PSI', 'MISSING REF -> CUR'],
    report.columns.map((c) => [
      c.name + (c.role === 'feature' ? '' : ` (${c.role})`),
      c.kind,
      c.drift?.stattestLabel ?? 'not tested',
      number(c.drift?.score),
      c.drift ? String(c.drift.threshold) : '-',
      c.drift ? (c.drift.drifted ? 'DRIFT' : 'ok') : '-',
      number(c.drift?.psi),
      `${c.reference ? percent(c.reference.missingShare) : 'absent'} -> ${c.current ? percent(c.current.missingShare) : 'absent'}`,
    ]),
  );
  const notable = report.findings.filter((f) => f.severity !== 'info');
  return [
    `${report.current.name} (${report.current.rows} rows) against ${report.reference.name} (${report.reference.rows} rows)`,
    verdict,
    '',
    datasetTable,
    '',
    columns,
    ...(notable.length ? ['', ...notable.map((f) => `${f.severity}  ${f.message} [${f.code}]`)] : []),
  ].join('\n');
}

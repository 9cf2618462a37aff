import type { QualityReport } from '../core/quality/quality-report.js';
import type { MetricsSummaryRow, MetricsSummarySide } from '../ports/quality-report-store.js';

/**
 * The original's `metrics_summary` row of a training from its quality report (train split as
 * reference, test split as current) and its ROC AUCs: dataset counts per side, and per feature and
 * target column its missing and distinct counts.
 *
 * @example
 * metricsSummaryRow(report, { runId, version: '3', time: Date.now(), trainRocAuc: 0.93, testRocAuc: 0.91 });
 */
export function metricsSummaryRow(
  report: QualityReport,
  meta: {
    readonly runId: string;
    readonly version: string;
    readonly time: number;
    readonly trainRocAuc: number | null;
    readonly testRocAuc: number | null;
  },
): MetricsSummaryRow {
  const side = (which: 'reference' | 'current', rocAuc: number | null): MetricsSummarySide => {
    const stats = report.dataset[which];
    const columns: Record<string, { nan: number; unique: number }> = {};
    for (const column of report.columns) {
      const figures = column[which];
      if (figures && (column.role === 'feature' || column.role === 'target'))
        columns[column.name] = { nan: figures.missing, unique: figures.unique };
    }
    return {
      rows: stats.rows,
      missingValues: stats.missingValues,
      duplicatedRows: stats.duplicatedRows,
      rocAuc,
      columns,
    };
  };
  return {
    runId: meta.runId,
    version: meta.version,
    time: meta.time,
    reference: side('reference', meta.trainRocAuc),
    current: side('current', meta.testRocAuc),
  };
}

import type { RawTable } from '../core/dataset/index.js';
import { buildQualityReport } from '../core/quality/build-quality-report.js';
import type { QualityReport } from '../core/quality/quality-report.js';
import { type QualitySchema, qualityTableFromRaw } from '../core/quality/quality-table-from-raw.js';
import type { QualityReportStore, QualityReportSummary } from '../ports/quality-report-store.js';

export interface FilesQualityOptions {
  readonly reference: string;
  readonly current: string;
  readonly schema: QualitySchema;
  /** The target's negative conclusion, when the schema names a target. */
  readonly negativeValue: string;
}

/**
 * The quality and drift report of one data file (current) against another (reference), read at the
 * same time; stored as a `files` report when a store is given. Files with other columns or types
 * than the configuration's give findings, not errors.
 *
 * @example
 * const { report } = await filesQualityReport({ readTable, now: Date.now }, { reference: 'a.csv', current: 'b.csv', schema, negativeValue: 'CLOSED_NO_ROI' });
 */
export async function filesQualityReport(
  deps: {
    readonly readTable: (source: string) => Promise<RawTable>;
    readonly quality?: QualityReportStore;
    readonly now: () => number;
  },
  options: FilesQualityOptions,
): Promise<{ readonly report: QualityReport; readonly summary?: QualityReportSummary }> {
  const [referenceRaw, currentRaw] = await Promise.all([
    deps.readTable(options.reference),
    deps.readTable(options.current),
  ]);
  const reference = qualityTableFromRaw(options.reference, referenceRaw, options.schema);
  const current = qualityTableFromRaw(options.current, currentRaw, options.schema);
  const target = options.schema.target;
  const report = buildQualityReport(reference.table, current.table, {
    ...(target ? { target: { column: target, negativeValue: options.negativeValue } } : {}),
    findings: [...reference.findings, ...current.findings],
  });
  if (!deps.quality) return { report };
  const summary = await deps.quality.saveReport({ kind: 'files', createdAt: deps.now(), report });
  return { report, summary };
}

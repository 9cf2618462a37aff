import type { Finding } from '../core/findings/index.js';
import { compareProfiles } from '../core/quality/compare-profiles.js';
import type { QualityReport } from '../core/quality/quality-report.js';
import type { TableProfile } from '../core/quality/table-profile.js';
import type { QualityReportStore, QualityReportSummary } from '../ports/quality-report-store.js';

/** Reads, types and profiles one data file as one side of a report (on a thread of its own, in the CLI). */
export type ProfileFile = (file: {
  readonly source: string;
  /** How the report names the side (the file as the user named it). */
  readonly name: string;
}) => Promise<{ readonly profile: TableProfile; readonly findings: readonly Finding[] }>;

/** A data file: where to read it, and how the report names it. */
export interface DataFile {
  readonly source: string;
  readonly name: string;
}

/**
 * The quality and drift report of one data file (current) against another (reference), both read
 * and profiled at the same time; stored as a `files` report when a store is given. Files with other
 * columns or types than the configuration's give findings, not errors.
 *
 * @example
 * const { report } = await filesQualityReport({ profileFile, now: Date.now }, { reference: { source: '/data/a.csv', name: 'a.csv' }, current });
 */
export async function filesQualityReport(
  deps: {
    readonly profileFile: ProfileFile;
    readonly quality?: QualityReportStore;
    readonly now: () => number;
  },
  options: { readonly reference: DataFile; readonly current: DataFile },
): Promise<{ readonly report: QualityReport; readonly summary?: QualityReportSummary }> {
  const [reference, current] = await Promise.all([
    deps.profileFile(options.reference),
    deps.profileFile(options.current),
  ]);
  const report = compareProfiles(reference.profile, current.profile, [
    ...reference.findings,
    ...current.findings,
  ]);
  if (!deps.quality) return { report };
  const summary = await deps.quality.saveReport({ kind: 'files', createdAt: deps.now(), report });
  return { report, summary };
}

import type { Finding } from '../findings/index.js';
import { compareProfiles } from './compare-profiles.js';
import { profileTable } from './profile-table.js';
import type { QualityReport } from './quality-report.js';
import type { QualityTable, QualityTarget } from './quality-table.js';

export interface QualityReportOptions {
  readonly target?: QualityTarget;
  /** Findings made while reading the data (cells that are not numbers…), reported with the rest. */
  readonly findings?: readonly Finding[];
}

/**
 * The quality and drift report of a current table against a reference table: both profiled
 * (`profileTable`), then compared (`compareProfiles`).
 *
 * @example
 * const report = buildQualityReport(trainTable, testTable, { target: { column: 'conclusion', negativeValue: 'CLOSED_NO_ROI' } });
 * report.drift.datasetDrift; // false
 */
export function buildQualityReport(
  reference: QualityTable,
  current: QualityTable,
  options: QualityReportOptions = {},
): QualityReport {
  return compareProfiles(
    profileTable(reference, options.target),
    profileTable(current, options.target),
    options.findings,
  );
}

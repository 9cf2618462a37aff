import type { QualityReport } from '../core/quality/quality-report.js';
import type { Page } from './page.js';

/** Where a report came from: a training's train and test splits, a window of live traffic, or two files. */
export type QualityReportKind = 'training' | 'live' | 'files';

/** A stored report's identity and headline figures, without the report itself (what lists show). */
export interface QualityReportSummary {
  readonly id: string;
  readonly kind: QualityReportKind;
  readonly createdAt: number;
  readonly modelName: string | null;
  readonly modelVersion: string | null;
  readonly runId: string | null;
  readonly referenceName: string;
  readonly currentName: string;
  readonly referenceRows: number;
  readonly currentRows: number;
  /** The live window's bounds (ms since the epoch), for live reports. */
  readonly windowStart: number | null;
  readonly windowEnd: number | null;
  readonly testedColumns: number;
  readonly driftedColumns: number;
  readonly driftShare: number;
  readonly datasetDrift: boolean;
  /** Whether the score distribution drifted; null when the report has no scores. */
  readonly scoreDrift: boolean | null;
  /** Findings of severity warning. */
  readonly warnings: number;
  /** Where the HTML rendering is stored (an artifact URI), when it was written. */
  readonly htmlUri: string | null;
}

/** A report to store, with what it is about. */
export interface NewQualityReport {
  readonly kind: QualityReportKind;
  readonly createdAt: number;
  readonly modelName?: string;
  readonly modelVersion?: string;
  readonly runId?: string;
  readonly windowStart?: number;
  readonly windowEnd?: number;
  readonly htmlUri?: string;
  readonly report: QualityReport;
}

export interface QualityReportQuery {
  readonly kind?: QualityReportKind;
  readonly modelName?: string;
  readonly modelVersion?: string;
  readonly runId?: string;
  /** Inclusive lower bound of `createdAt`. */
  readonly since?: number;
  /** Exclusive upper bound of `createdAt`. */
  readonly until?: number;
  readonly maxResults?: number;
  readonly pageToken?: string;
}

/**
 * The original system's `metrics_summary` row of one training: counts of the test split (current)
 * and the train split (reference) with their ROC AUC, and per data column its missing and distinct
 * counts (`current_nan_<column>`, `current_unique_<column>`, the same with `reference_`).
 */
export interface MetricsSummaryRow {
  readonly runId: string;
  readonly version: string;
  readonly time: number;
  readonly current: MetricsSummarySide;
  readonly reference: MetricsSummarySide;
}

export interface MetricsSummarySide {
  readonly rows: number;
  readonly missingValues: number;
  readonly duplicatedRows: number;
  readonly rocAuc: number | null;
  /** Per data column: missing cells and distinct present values. */
  readonly columns: Readonly<Record<string, { readonly nan: number; readonly unique: number }>>;
}

/**
 * Where quality and drift reports are kept: each report whole, its per-column results as rows (for
 * SQL and dashboards), and the original's `metrics_summary` table.
 */
export interface QualityReportStore {
  /** Stores a report and its column results in one transaction. */
  saveReport(report: NewQualityReport): Promise<QualityReportSummary>;
  /** Sets where a stored report's HTML rendering lives. QUALITY_REPORT_NOT_FOUND when there is no such report. */
  setHtmlUri(id: string, uri: string): Promise<void>;
  /** QUALITY_REPORT_NOT_FOUND when there is no such report. */
  getReport(id: string): Promise<QualityReportSummary & { readonly report: QualityReport }>;
  /** Newest first. */
  listReports(query?: QualityReportQuery): Promise<Page<QualityReportSummary>>;
  /** Appends a row, adding the per-column columns a data column needs the first time it appears. */
  appendMetricsSummary(row: MetricsSummaryRow): Promise<void>;
  /** The rows of a run (or all), oldest first, as the table holds them (column name → value). */
  listMetricsSummary(query?: { readonly runId?: string }): Promise<readonly Record<string, unknown>[]>;
  close(): Promise<void>;
}

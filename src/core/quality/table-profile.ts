import type { ColumnKind, ColumnRole, ColumnStats, DatasetStats } from './quality-report.js';

/**
 * One column of one side, profiled: its statistics and what the drift tests and charts read (the
 * finite numbers sorted, or the count of each category). Structured-clone safe, so that a side can
 * be profiled on a worker thread.
 */
export interface ColumnProfile {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly role: ColumnRole;
  readonly stats: ColumnStats;
  /** Numeric columns: the finite values, ascending. */
  readonly sorted?: Float64Array;
  /** Categorical columns: rows per category. */
  readonly counts?: ReadonlyMap<string, number>;
}

/** One side of a quality report, profiled: its columns and its dataset statistics. */
export interface TableProfile {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
  readonly dataset: DatasetStats;
}

import type { Finding } from '../findings/index.js';
import type { ColumnDriftResult } from './drift/column-drift-result.js';

/** What a column is to the model: a feature, the target (label source), the model's score, or carried (ids, dates). */
export type ColumnRole = 'feature' | 'target' | 'score' | 'other';

/** How a column's values are typed in the report. Text columns (ids, dates) get no drift test. */
export type ColumnKind = 'numeric' | 'categorical' | 'text';

/** Statistics of numbers, over the present values (infinities counted apart, not in the moments). */
export interface NumericStats {
  readonly mean: number | null;
  /** Sample standard deviation (n - 1), as pandas' `describe` gives it. */
  readonly std: number | null;
  readonly min: number | null;
  readonly p25: number | null;
  readonly p50: number | null;
  readonly p75: number | null;
  readonly max: number | null;
  readonly infinities: number;
  readonly zeros: number;
  readonly negatives: number;
}

/** One category and how many rows hold it. */
export interface CategoryShare {
  readonly value: string;
  readonly count: number;
  /** Of the rows with a value (missing rows excluded). */
  readonly share: number;
}

/** A column of one dataset. */
export interface ColumnStats {
  readonly rows: number;
  /** Rows with a value. */
  readonly count: number;
  readonly missing: number;
  /** Of all rows. */
  readonly missingShare: number;
  /** Distinct present values. */
  readonly unique: number;
  /** The most common present value, its count and its share of present values; null when none. */
  readonly mostCommon: {
    readonly value: string | number;
    readonly count: number;
    readonly share: number;
  } | null;
  /** Numeric columns only. */
  readonly numeric?: NumericStats;
  /** Categorical columns only: every category, most common first (at most 100; the rest summed in `otherCount`). */
  readonly categories?: readonly CategoryShare[];
  readonly otherCount?: number;
}

/** A distribution drawn for a column: shares per bin (numeric) or per category, reference against current. */
export type ColumnDistribution =
  | {
      readonly kind: 'histogram';
      /** Bin edges, one more than the bins; the last bin includes its right edge. */
      readonly edges: readonly number[];
      readonly reference: readonly number[];
      readonly current: readonly number[];
    }
  | {
      readonly kind: 'bars';
      readonly labels: readonly string[];
      readonly reference: readonly number[];
      readonly current: readonly number[];
    };

/** One column, reference against current. */
export interface ColumnReport {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly role: ColumnRole;
  /** Null when the column is absent from that dataset. */
  readonly reference: ColumnStats | null;
  readonly current: ColumnStats | null;
  /** Categorical: categories seen in current but not in reference, and the reverse. */
  readonly newCategories?: readonly string[];
  readonly missingCategories?: readonly string[];
  /** Null for text columns, a column absent or empty on one side, or a kind that differs between the sides. */
  readonly drift: ColumnDriftResult | null;
  /** Shares for the report's chart; null when there is nothing to draw. */
  readonly distribution: ColumnDistribution | null;
}

/** The dataset level of one side. */
export interface DatasetStats {
  readonly rows: number;
  readonly columns: number;
  readonly numericColumns: number;
  readonly categoricalColumns: number;
  readonly textColumns: number;
  /** Missing cells of all columns. */
  readonly missingValues: number;
  /** Of all cells. */
  readonly missingShare: number;
  /** Rows with at least one missing cell. */
  readonly rowsWithMissing: number;
  /** Rows equal in every column to an earlier row. */
  readonly duplicatedRows: number;
  /** Groups of columns equal in every row (each group listed once). */
  readonly duplicatedColumns: readonly (readonly string[])[];
  /** One present value in every row (or no present value at all). */
  readonly constantColumns: readonly string[];
  /** The most common value in 95% or more of the rows, but not constant. */
  readonly almostConstantColumns: readonly string[];
  /** Rows missing in every column. */
  readonly emptyRows: number;
  /** Columns missing in every row. */
  readonly emptyColumns: readonly string[];
  /** The target's balance, when a target column is named and present. */
  readonly target?: {
    readonly column: string;
    readonly positives: number;
    readonly negatives: number;
    readonly missing: number;
    readonly positiveShare: number;
  };
}

/** Which columns drifted, and whether the dataset did. */
export interface DatasetDrift {
  /** Feature columns tested (the dataset's share is over these). */
  readonly columns: number;
  readonly drifted: number;
  readonly share: number;
  /** The dataset drifts when at least this share of its columns drift (Evidently's 0.5). */
  readonly threshold: number;
  readonly datasetDrift: boolean;
  /** Drift of the target column, when both sides have it. */
  readonly target: ColumnDriftResult | null;
  /** Drift of the model's score distribution, when both sides have scores. */
  readonly score: ColumnDriftResult | null;
}

/**
 * A data quality and drift report, reference against current: dataset statistics, every column's
 * statistics and drift, and findings. Plain JSON, stored as is.
 */
export interface QualityReport {
  readonly formatVersion: 1;
  readonly reference: { readonly name: string; readonly rows: number };
  readonly current: { readonly name: string; readonly rows: number };
  readonly dataset: { readonly reference: DatasetStats; readonly current: DatasetStats };
  /** Drifting columns first, then by role (features, target, score, others) and name. */
  readonly columns: readonly ColumnReport[];
  readonly drift: DatasetDrift;
  readonly findings: readonly Finding[];
}

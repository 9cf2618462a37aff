import type { Generated } from 'kysely';

/** The quality reports' tables (migration 0007), as Kysely sees them; joined onto the store's schema with `withTables`. */
export type QualityTables = {
  quality_reports: {
    id: string;
    kind: string;
    created_at: number;
    model_name: string | null;
    model_version: string | null;
    run_id: string | null;
    reference_name: string;
    current_name: string;
    reference_rows: number;
    current_rows: number;
    window_start: number | null;
    window_end: number | null;
    tested_columns: number;
    drifted_columns: number;
    drift_share: number;
    dataset_drift: number;
    score_drift: number | null;
    warnings: number;
    html_uri: string | null;
    report: string;
  };
  quality_columns: {
    report_id: string;
    column_name: string;
    kind: string;
    role: string;
    stattest: string | null;
    drift_score: number | null;
    threshold: number | null;
    drifted: number | null;
    psi: number | null;
    reference_missing: number | null;
    current_missing: number | null;
    reference_unique: number | null;
    current_unique: number | null;
  };
  /** The original's table: fixed columns, plus `current_nan_<column>` and the like added per data column. */
  metrics_summary: {
    id: Generated<number>;
    run_id: string;
    version: string;
    timestamp: string | Date;
    current_number_rows: number;
    current_number_missing_values: number;
    current_number_duplicated_rows: number;
    current_roc_auc: number | null;
    reference_number_rows: number;
    reference_number_missing_values: number;
    reference_number_duplicated_rows: number;
    reference_roc_auc: number | null;
  };
};

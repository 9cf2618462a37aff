import type { Kysely, Migration } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * Quality and drift reports (a row each, the whole report as JSON), their per-column results (for
 * SQL and dashboards), and the original system's `metrics_summary` table, a row per training, whose
 * per-column counts (`current_nan_<column>`…) are added as columns when a data column first appears.
 *
 * @example
 * migrations['0007-quality-reports'] = qualityReportsSchema('postgres');
 */
export function qualityReportsSchema(kind: SqlFlavor['kind']): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const s = db.schema;
      await s
        .createTable('quality_reports')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('model_name', 'text')
        .addColumn('model_version', 'text')
        .addColumn('run_id', 'text')
        .addColumn('reference_name', 'text', (c) => c.notNull())
        .addColumn('current_name', 'text', (c) => c.notNull())
        .addColumn('reference_rows', 'bigint', (c) => c.notNull())
        .addColumn('current_rows', 'bigint', (c) => c.notNull())
        .addColumn('window_start', 'bigint')
        .addColumn('window_end', 'bigint')
        .addColumn('tested_columns', 'integer', (c) => c.notNull())
        .addColumn('drifted_columns', 'integer', (c) => c.notNull())
        .addColumn('drift_share', 'double precision', (c) => c.notNull())
        .addColumn('dataset_drift', 'integer', (c) => c.notNull())
        .addColumn('score_drift', 'integer')
        .addColumn('warnings', 'integer', (c) => c.notNull())
        .addColumn('html_uri', 'text')
        .addColumn('report', 'text', (c) => c.notNull())
        .execute();
      await s
        .createIndex('quality_reports_kind_time_idx')
        .ifNotExists()
        .on('quality_reports')
        .columns(['kind', 'created_at'])
        .execute();
      await s
        .createIndex('quality_reports_run_idx')
        .ifNotExists()
        .on('quality_reports')
        .column('run_id')
        .execute();
      await s
        .createTable('quality_columns')
        .ifNotExists()
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('column_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('stattest', 'text')
        .addColumn('drift_score', 'double precision')
        .addColumn('threshold', 'double precision')
        .addColumn('drifted', 'integer')
        .addColumn('psi', 'double precision')
        .addColumn('reference_missing', 'bigint')
        .addColumn('current_missing', 'bigint')
        .addColumn('reference_unique', 'bigint')
        .addColumn('current_unique', 'bigint')
        .addPrimaryKeyConstraint('quality_columns_pk', ['report_id', 'column_name'])
        .execute();
      const id = kind === 'postgres' ? 'bigserial' : 'integer';
      await s
        .createTable('metrics_summary')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        // A real time type on PostgreSQL, so that Grafana's time series read it as the original's did.
        .addColumn('timestamp', kind === 'postgres' ? 'timestamptz' : 'text', (c) => c.notNull())
        .addColumn('current_number_rows', 'bigint', (c) => c.notNull())
        .addColumn('current_number_missing_values', 'bigint', (c) => c.notNull())
        .addColumn('current_number_duplicated_rows', 'bigint', (c) => c.notNull())
        .addColumn('current_roc_auc', 'double precision')
        .addColumn('reference_number_rows', 'bigint', (c) => c.notNull())
        .addColumn('reference_number_missing_values', 'bigint', (c) => c.notNull())
        .addColumn('reference_number_duplicated_rows', 'bigint', (c) => c.notNull())
        .addColumn('reference_roc_auc', 'double precision')
        .execute();
      await s
        .createIndex('metrics_summary_run_idx')
        .ifNotExists()
        .on('metrics_summary')
        .column('run_id')
        .execute();
    },
  };
}

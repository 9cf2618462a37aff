import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * The analysts' cases (issue 17): `alert_cases`, one per subject while it is not concluded
 * (`open_subject` holds the subject until then, and is unique: what makes a second alert attach
 * rather than open another), and `alert_case_scores`, the scored cases attached to each. Indexes
 * serve the queue by score and by age, a subject's cases, and a case's scores. `if not exists`
 * throughout, as the other migrations.
 *
 * @example
 * migrations['0015-alert-cases'] = alertCasesSchema('sqlite');
 */
export function alertCasesSchema(kind: SqlFlavor['kind']): Migration {
  const id = kind === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      const s = db.schema;
      await s
        .createTable('alert_cases')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('subject', 'text')
        .addColumn('open_subject', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('sampled', 'integer', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('threshold', 'double precision', (c) => c.notNull())
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('model_version', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('row_index', 'integer', (c) => c.notNull())
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('last_scored_at', 'bigint', (c) => c.notNull())
        .addColumn('scores', 'integer', (c) => c.notNull())
        .addColumn('assignee', 'text')
        .addColumn('assigned_by', 'text')
        .addColumn('assigned_at', 'bigint')
        .addColumn('conclusion', 'text')
        .addColumn('label', 'integer')
        .addColumn('note', 'text')
        .addColumn('concluded_by', 'text')
        .addColumn('concluded_at', 'bigint')
        .execute();
      await s
        .createIndex('alert_cases_open_subject_idx')
        .ifNotExists()
        .unique()
        .on('alert_cases')
        .column('open_subject')
        .execute();
      // The queue (open and in review) by score: a small index however many cases were concluded.
      await s
        .createIndex('alert_cases_active_score_idx')
        .ifNotExists()
        .on('alert_cases')
        .columns(['score', 'id'])
        .where(sql<boolean>`state <> 'concluded'`)
        .execute();
      await s
        .createIndex('alert_cases_active_age_idx')
        .ifNotExists()
        .on('alert_cases')
        .columns(['opened_at', 'id'])
        .where(sql<boolean>`state <> 'concluded'`)
        .execute();
      await s
        .createIndex('alert_cases_state_score_idx')
        .ifNotExists()
        .on('alert_cases')
        .columns(['state', 'score', 'id'])
        .execute();
      await s
        .createIndex('alert_cases_state_age_idx')
        .ifNotExists()
        .on('alert_cases')
        .columns(['state', 'opened_at', 'id'])
        .execute();
      await s
        .createIndex('alert_cases_subject_idx')
        .ifNotExists()
        .on('alert_cases')
        .column('subject')
        .execute();
      await s
        .createTable('alert_case_scores')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('case_id', 'bigint', (c) => c.notNull())
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('row_index', 'integer', (c) => c.notNull())
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('model_version', 'text', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('scored_at', 'bigint', (c) => c.notNull())
        .addColumn('sampled', 'integer', (c) => c.notNull())
        .execute();
      await s
        .createIndex('alert_case_scores_case_idx')
        .ifNotExists()
        .on('alert_case_scores')
        .column('case_id')
        .execute();
      await s
        .createIndex('alert_case_scores_request_idx')
        .ifNotExists()
        .on('alert_case_scores')
        .columns(['request_id', 'row_index'])
        .execute();
    },
  };
}

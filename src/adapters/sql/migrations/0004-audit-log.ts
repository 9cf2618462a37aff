import type { Kysely, Migration } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * The audit log of scored cases and the analysts' feedback on them. `if not exists` throughout, as
 * the initial schema, so that two processes migrating a fresh SQLite file at once both succeed.
 *
 * @example
 * migrations['0004-audit-log'] = auditLogSchema('sqlite');
 */
export function auditLogSchema(kind: SqlFlavor['kind']): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const s = db.schema;
      const id = kind === 'postgres' ? 'bigserial' : 'integer';
      await s
        .createTable('audit_predictions')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('row_index', 'integer', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('model_name', 'text', (c) => c.notNull())
        .addColumn('model_version', 'text', (c) => c.notNull())
        .addColumn('inputs', 'text', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('scored_at', 'bigint', (c) => c.notNull())
        .addColumn('caller', 'text', (c) => c.notNull())
        .execute();
      await s
        .createIndex('audit_predictions_request_idx')
        .ifNotExists()
        .on('audit_predictions')
        .columns(['request_id', 'row_index'])
        .execute();
      await s
        .createIndex('audit_predictions_case_idx')
        .ifNotExists()
        .on('audit_predictions')
        .columns(['case_id'])
        .execute();
      await s
        .createIndex('audit_predictions_time_idx')
        .ifNotExists()
        .on('audit_predictions')
        .columns(['scored_at'])
        .execute();
      await s
        .createTable('audit_feedback')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('request_id', 'text')
        .addColumn('row_index', 'integer')
        .addColumn('case_id', 'text')
        .addColumn('conclusion', 'text', (c) => c.notNull())
        .addColumn('label', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('analyst', 'text', (c) => c.notNull())
        .execute();
      await s
        .createIndex('audit_feedback_time_idx')
        .ifNotExists()
        .on('audit_feedback')
        .columns(['received_at'])
        .execute();
    },
  };
}

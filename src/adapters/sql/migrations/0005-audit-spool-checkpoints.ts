import type { Kysely, Migration } from 'kysely';

/**
 * How far the audit writer has consumed each spool file of the serving machines: updated in the
 * transaction that appends the file's cases, so that a restarted writer resumes exactly there.
 *
 * @example
 * migrations['0005-audit-spool-checkpoints'] = auditSpoolCheckpointsSchema();
 */
export function auditSpoolCheckpointsSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_spool_checkpoints')
        .ifNotExists()
        .addColumn('source', 'text', (c) => c.primaryKey())
        .addColumn('position', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * The record of each right-to-erasure request carried out (issue 16): when, by whom, how many
 * scored cases and conclusions were deleted, and a SHA-256 of the subject's id, not the id.
 *
 * @example
 * migrations['0011-audit-erasures'] = auditErasuresSchema('sqlite');
 */
export function auditErasuresSchema(kind: SqlFlavor['kind']): Migration {
  const id = kind === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_erasures')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('subject_hash', 'text', (c) => c.notNull())
        .addColumn('erased_at', 'bigint', (c) => c.notNull())
        .addColumn('erased_by', 'text', (c) => c.notNull())
        .addColumn('cases', 'integer', (c) => c.notNull())
        .addColumn('conclusions', 'integer', (c) => c.notNull())
        .execute();
    },
  };
}

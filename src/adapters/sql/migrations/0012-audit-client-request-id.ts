import type { Kysely, Migration } from 'kysely';

/**
 * A client's own `X-Request-Id`, kept with each scored case apart from the request id the server
 * makes (issue 16): nullable, as cases scored before it and requests without a well-formed one have
 * none. A partial index finds an integrator's cases by it; rows without one cost the index nothing.
 *
 * @example
 * migrations['0012-audit-client-request-id'] = auditClientRequestIdSchema();
 */
export function auditClientRequestIdSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Idempotent, as every migration here: a second SQLite process migrating at once retries.
      const tables = await db.introspection.getTables();
      const audit = tables.find((t) => t.name === 'audit_predictions');
      // Since 0016 the name is a view of the parts, which have the column.
      if (audit?.isView) return;
      if (!audit?.columns.some((c) => c.name === 'client_request_id'))
        await db.schema.alterTable('audit_predictions').addColumn('client_request_id', 'text').execute();
      await db.schema
        .createIndex('audit_predictions_client_request_idx')
        .ifNotExists()
        .on('audit_predictions')
        .column('client_request_id')
        .where('client_request_id', 'is not', null)
        .execute();
    },
  };
}

import { type Kysely, type Migration, sql } from 'kysely';
import { auditPartitionOf, createPartitionSql } from '../audit-partitions.js';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * On PostgreSQL, the audit table partitioned by month of `scored_at` (issue 15): appends touch the
 * small indexes of the current month, and retention drops whole months instead of deleting rows.
 * The existing table is renamed, a partitioned one with the same columns and indexes takes its
 * name, every month it holds gets a partition and its rows move there, then the old table goes.
 * Ids keep coming from the same sequence. Nothing on SQLite.
 *
 * @example
 * migrations['0014-audit-partitions'] = auditPartitionsSchema('postgres');
 */
export function auditPartitionsSchema(kind: SqlFlavor['kind']): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (kind !== 'postgres') return;
      await sql`alter table audit_predictions rename to audit_predictions_unpartitioned`.execute(db);
      await sql`alter sequence audit_predictions_id_seq owned by none`.execute(db);
      for (const index of [
        'audit_predictions_request_idx',
        'audit_predictions_case_idx',
        'audit_predictions_time_idx',
        'audit_predictions_client_request_idx',
      ])
        await sql`drop index if exists ${sql.id(index)}`.execute(db);
      await sql`create table audit_predictions (
          id bigint not null default nextval('audit_predictions_id_seq'),
          request_id text not null,
          row_index integer not null,
          case_id text,
          model_name text not null,
          model_version text not null,
          inputs text not null,
          score double precision not null,
          scored_at bigint not null,
          caller text not null,
          client_request_id text,
          primary key (id, scored_at)
        ) partition by range (scored_at)`.execute(db);
      await sql`alter sequence audit_predictions_id_seq owned by audit_predictions.id`.execute(db);
      await sql`create index audit_predictions_request_idx on audit_predictions (request_id, row_index)`.execute(
        db,
      );
      await sql`create index audit_predictions_case_idx on audit_predictions (case_id)`.execute(db);
      await sql`create index audit_predictions_time_idx on audit_predictions (scored_at)`.execute(db);
      await sql`create index audit_predictions_client_request_idx on audit_predictions (client_request_id)
        where client_request_id is not null`.execute(db);
      const months = await sql<{ month: number }>`
        select distinct (scored_at / 86400000) * 86400000 as month from audit_predictions_unpartitioned`.execute(
        db,
      );
      const created = new Set<string>();
      for (const { month } of months.rows) {
        const partition = auditPartitionOf(Number(month), 'audit_predictions');
        if (created.has(partition.name)) continue;
        await sql.raw(createPartitionSql(partition)).execute(db);
        created.add(partition.name);
      }
      await sql`insert into audit_predictions select id, request_id, row_index, case_id, model_name, model_version,
        inputs, score, scored_at, caller, client_request_id from audit_predictions_unpartitioned`.execute(db);
      await sql`drop table audit_predictions_unpartitioned`.execute(db);
    },
  };
}

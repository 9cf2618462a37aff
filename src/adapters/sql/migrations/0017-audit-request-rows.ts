import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * Rows of several one-case requests (issue 15, docs/design-audit-record-rows.md): `audit_parts`
 * gains `requests`, the ids of a row's requests in its cases' order after the millisecond they
 * share with `request_id` (see `RequestGroup`), null for
 * a request part as before; existing rows stay as they are. The view `audit_predictions` reads
 * each case's request id and row from it.
 *
 * @example
 * migrations['0017-audit-request-rows'] = auditRequestRowsSchema('sqlite');
 */
export function auditRequestRowsSchema(kind: SqlFlavor['kind']): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`drop view if exists audit_predictions`.execute(db);
      await sql`alter table audit_parts add column requests text`.execute(db);
      await sql.raw(kind === 'postgres' ? POSTGRES_VIEW : SQLITE_VIEW).execute(db);
    },
  };
}

/** The per-case columns over the rows: one row per case. */
const SQLITE_VIEW = `create view audit_predictions as
  select p.id as part_id,
    case when p.requests is null then p.request_id
      else substr(p.request_id, 1, 13) || substr(p.requests, j.key * 24 + 1, 23) end as request_id,
    case when p.requests is null then p.first_row + j.key else 0 end as row_index,
    case when p.cases = 1 then p.case_id else p.case_ids ->> j.key end as case_id,
    p.model_name, p.model_version, ('[' || p.inputs || ']') -> j.key as inputs, j.value as score,
    p.scored_at, p.caller, p.client_request_id
  from audit_parts p, json_each('[' || p.scores || ']') j`;

const POSTGRES_VIEW = `create view audit_predictions as
  select p.id as part_id,
    case when p.requests is null then p.request_id
      else substr(p.request_id, 1, 13) || substr(p.requests, ((j.n - 1) * 24 + 1)::integer, 23) end as request_id,
    case when p.requests is null then (p.first_row + j.n - 1)::integer else 0 end as row_index,
    case when p.cases = 1 then p.case_id else p.case_ids::json ->> (j.n - 1)::integer end as case_id,
    p.model_name, p.model_version, j.inputs::text as inputs, j.score::double precision as score,
    p.scored_at, p.caller, p.client_request_id
  from audit_parts p
  cross join lateral rows from (json_array_elements(('[' || p.inputs || ']')::json),
    json_array_elements_text(('[' || p.scores || ']')::json))
    with ordinality as j(inputs, score, n)`;

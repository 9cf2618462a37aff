import { type Kysely, type Migration, sql } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * Input names once per row (issue 15, docs/design-audit-record-rows.md): `audit_parts` gains
 * `input_names`, a JSON array of the input columns' names; where it is set, each case of `inputs`
 * is a JSON array of its values in that order (`[5423.75,20,"LOW"]`) instead of an object that
 * names them again. The audit writer writes rows so from this version on; rows written before,
 * and rows of cases appended one by one, keep objects and a null `input_names`. The view
 * `audit_predictions` still gives each case's inputs as an object.
 *
 * @example
 * migrations['0018-audit-input-names'] = auditInputNamesSchema('sqlite');
 */
export function auditInputNamesSchema(kind: SqlFlavor['kind']): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`drop view if exists audit_predictions`.execute(db);
      await sql`alter table audit_parts add column input_names text`.execute(db);
      await sql.raw(kind === 'postgres' ? POSTGRES_VIEW : SQLITE_VIEW).execute(db);
    },
  };
}

/** The per-case columns over the rows: one row per case, its inputs an object whatever the row's form. */
const SQLITE_VIEW = `create view audit_predictions as
  select p.id as part_id,
    case when p.requests is null then p.request_id
      else substr(p.request_id, 1, 13) || substr(p.requests, j.key * 24 + 1, 23) end as request_id,
    case when p.requests is null then p.first_row + j.key else 0 end as row_index,
    case when p.cases = 1 then p.case_id else p.case_ids ->> j.key end as case_id,
    p.model_name, p.model_version,
    case when p.input_names is null then ('[' || p.inputs || ']') -> j.key
      else (select json_group_object(n.value, ('[' || p.inputs || ']') -> j.key ->> n.key)
        from json_each(p.input_names) n) end as inputs,
    j.value as score, p.scored_at, p.caller, p.client_request_id
  from audit_parts p, json_each('[' || p.scores || ']') j`;

const POSTGRES_VIEW = `create view audit_predictions as
  select p.id as part_id,
    case when p.requests is null then p.request_id
      else substr(p.request_id, 1, 13) || substr(p.requests, ((j.n - 1) * 24 + 1)::integer, 23) end as request_id,
    case when p.requests is null then (p.first_row + j.n - 1)::integer else 0 end as row_index,
    case when p.cases = 1 then p.case_id else p.case_ids::json ->> (j.n - 1)::integer end as case_id,
    p.model_name, p.model_version,
    case when p.input_names is null then j.inputs::text
      else (select json_object_agg(n.name, j.inputs -> (n.i - 1)::integer)::text
        from json_array_elements_text(p.input_names::json) with ordinality as n(name, i)) end as inputs,
    j.score::double precision as score, p.scored_at, p.caller, p.client_request_id
  from audit_parts p
  cross join lateral rows from (json_array_elements(('[' || p.inputs || ']')::json),
    json_array_elements_text(('[' || p.scores || ']')::json))
    with ordinality as j(inputs, score, n)`;

import { type Kysely, type Migration, sql } from 'kysely';
import { scoreText, subjectColumns } from '../audit-part-text.js';
import { auditPartitionOf, createPartitionSql } from '../audit-partitions.js';
import type { SqlFlavor } from '../sql-flavor.js';

/** Old rows read per statement while moving them. */
const PAGE = 10_000;
/** Most cases a moved part holds. */
const PART_CASES = 1000;

// biome-ignore lint/suspicious/noExplicitAny: the tables of this migration's moment, not of today's schema
type AnyDb = Kysely<any>;

interface OldRow {
  id: number | string;
  request_id: string;
  row_index: number;
  case_id: string | null;
  model_name: string;
  model_version: string;
  inputs: string;
  score: number;
  scored_at: number | string;
  caller: string;
  client_request_id: string | null;
}

/**
 * The audit log as one row per request part (issue 15): `audit_parts` holds consecutive cases of
 * one request under one model version, their inputs and scores as JSON lists (an array's elements
 * without its brackets, see `jsonListOf`) and subjects as a JSON array, so that
 * appending a case costs a fraction of a row and of four index entries (the writer's bottleneck at
 * one row per case). The subject of a part of one case is indexed (`case_id`, partial); the subjects
 * of a larger part are a JSON array found by a scan of those parts. On PostgreSQL the table is
 * partitioned by month of `scored_at`, as 0014 did for the old one. The old table's rows move into
 * parts (consecutive ids of one request, version, time, caller and client id, rows following each
 * other), then it is dropped and a view of the old name and columns (`part_id` for `id`) reads the
 * parts case by case, for ad-hoc SQL and the benchmarks' counts.
 *
 * @example
 * migrations['0016-audit-parts'] = auditPartsSchema('sqlite');
 */
export function auditPartsSchema(kind: SqlFlavor['kind']): Migration {
  return {
    async up(untyped: Kysely<unknown>) {
      const db = untyped as AnyDb;
      const postgres = kind === 'postgres';
      await sql`create table if not exists audit_parts (
          id ${sql.raw(postgres ? 'bigserial' : 'integer primary key')},
          request_id text not null,
          first_row integer not null,
          cases integer not null,
          case_id text,
          case_ids text,
          model_name text not null,
          model_version text not null,
          inputs text not null,
          scores text not null,
          scored_at bigint not null,
          caller text not null,
          client_request_id text
          ${sql.raw(postgres ? ', primary key (id, scored_at)) partition by range (scored_at' : '')}
        )`.execute(db);
      if (postgres && (await supportsLz4(db)))
        // A part of 1000 cases is tens of kB of JSON, stored out of line (TOAST): lz4 compresses it
        // at a fraction of the server CPU of the default pglz (1000-case requests: 220-270k
        // against 340k cases/s written, docs/benchmarks.md).
        for (const column of ['inputs', 'scores', 'case_ids'])
          await sql`alter table audit_parts alter column ${sql.id(column)} set compression lz4`.execute(db);
      // SQLite runs migrations outside a transaction: the move is one, so that an interrupted one
      // is redone whole (PostgreSQL's migrator holds one already).
      if (postgres) await moveAndDrop(db, true);
      else await db.transaction().execute((trx) => moveAndDrop(trx, false));
      await sql`create index if not exists audit_parts_request_idx on audit_parts (request_id, first_row)`.execute(
        db,
      );
      await sql`create index if not exists audit_parts_time_idx on audit_parts (scored_at)`.execute(db);
      await sql`create index if not exists audit_parts_case_idx on audit_parts (case_id) where case_id is not null`.execute(
        db,
      );
      await sql`create index if not exists audit_parts_client_request_idx on audit_parts (client_request_id)
        where client_request_id is not null`.execute(db);
      await sql.raw(postgres ? POSTGRES_VIEW : SQLITE_VIEW).execute(db);
    },
  };
}

/** Whether the PostgreSQL server was built with lz4 (`default_toast_compression` offers it). */
async function supportsLz4(db: AnyDb): Promise<boolean> {
  const found = await sql<{ lz4: boolean }>`select exists (select 1 from pg_settings
    where name = 'default_toast_compression' and 'lz4' = any(enumvals)) as lz4`.execute(db);
  return found.rows[0]?.lz4 === true;
}

/** Moves the old table's cases into parts and drops it, unless done already. */
async function moveAndDrop(db: AnyDb, postgres: boolean): Promise<void> {
  const partitions = new Set<string>();
  const kept = await db.introspection.getTables();
  if (!kept.some((t) => t.name === 'audit_predictions' && !t.isView)) return;
  await moveCases(db, async (times) => {
    if (!postgres) return;
    for (const time of times) {
      const partition = auditPartitionOf(time);
      if (partitions.has(partition.name)) continue;
      await sql.raw(createPartitionSql(partition)).execute(db);
      partitions.add(partition.name);
    }
  });
  await sql`drop table audit_predictions`.execute(db);
}

/** The old per-case columns over the parts: one row per case. */
const SQLITE_VIEW = `create view if not exists audit_predictions as
  select p.id as part_id, p.request_id, p.first_row + j.key as row_index,
    case when p.cases = 1 then p.case_id else p.case_ids ->> j.key end as case_id,
    p.model_name, p.model_version, ('[' || p.inputs || ']') -> j.key as inputs, j.value as score,
    p.scored_at, p.caller, p.client_request_id
  from audit_parts p, json_each('[' || p.scores || ']') j`;

const POSTGRES_VIEW = `create or replace view audit_predictions as
  select p.id as part_id, p.request_id, (p.first_row + j.n - 1)::integer as row_index,
    case when p.cases = 1 then p.case_id else p.case_ids::json ->> (j.n - 1)::integer end as case_id,
    p.model_name, p.model_version, j.inputs::text as inputs, j.score::double precision as score,
    p.scored_at, p.caller, p.client_request_id
  from audit_parts p
  cross join lateral rows from (json_array_elements(('[' || p.inputs || ']')::json),
    json_array_elements_text(('[' || p.scores || ']')::json))
    with ordinality as j(inputs, score, n)`;

/** Whether `row` continues the part `part` ends with (the next case of the same request and scoring). */
function continues(part: OldRow[], row: OldRow): boolean {
  const last = part[part.length - 1];
  return (
    last !== undefined &&
    part.length < PART_CASES &&
    row.request_id === last.request_id &&
    Number(row.row_index) === Number(last.row_index) + 1 &&
    row.model_name === last.model_name &&
    row.model_version === last.model_version &&
    Number(row.scored_at) === Number(last.scored_at) &&
    row.caller === last.caller &&
    row.client_request_id === last.client_request_id
  );
}

/** The part row of consecutive old rows. */
function partOf(rows: OldRow[]) {
  const first = rows[0]!;
  const { caseId, caseIds } = subjectColumns(rows.map((r) => r.case_id));
  return {
    request_id: first.request_id,
    first_row: Number(first.row_index),
    cases: rows.length,
    case_id: caseId,
    case_ids: caseIds,
    model_name: first.model_name,
    model_version: first.model_version,
    inputs: rows.map((r) => r.inputs).join(','),
    scores: rows.map((r) => scoreText(Number(r.score))).join(','),
    scored_at: Number(first.scored_at),
    caller: first.caller,
    client_request_id: first.client_request_id,
  };
}

/** Reads the old table in id order, a page at a time, and inserts its rows as parts. */
async function moveCases(db: AnyDb, beforeInsert: (times: number[]) => Promise<void>): Promise<void> {
  let after = -1;
  let open: OldRow[] = [];
  const insert = async (parts: ReturnType<typeof partOf>[]) => {
    if (parts.length === 0) return;
    await beforeInsert(parts.map((p) => p.scored_at));
    for (let at = 0; at < parts.length; at += 500)
      await db
        .insertInto('audit_parts')
        .values(parts.slice(at, at + 500))
        .execute();
  };
  for (;;) {
    const rows = (await db
      .selectFrom('audit_predictions')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id', 'asc')
      .limit(PAGE)
      .execute()) as OldRow[];
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]!.id);
    const parts: ReturnType<typeof partOf>[] = [];
    for (const row of rows) {
      if (!continues(open, row)) {
        if (open.length > 0) parts.push(partOf(open));
        open = [];
      }
      open.push(row);
    }
    await insert(parts);
  }
  if (open.length > 0) await insert([partOf(open)]);
}

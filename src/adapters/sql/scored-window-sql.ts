import { type Kysely, sql } from 'kysely';
import type { ScoredCases } from '../../core/quality/quality-table-from-cases.js';
import type { ScoredWindowQuery } from '../../ports/audit-log.js';
import type { SqlFlavor } from './sql-flavor.js';
import { WindowColumns } from './window-columns.js';

/** Ids read per statement. */
const CHUNK = 50_000;

// biome-ignore lint/suspicious/noExplicitAny: the audit tables, whatever the store's other tables
type Db = Kysely<any>;

function ofVersion(query: ScoredWindowQuery) {
  return sql`model_name = ${query.modelName} and model_version = ${query.modelVersion}`;
}

/**
 * The lowest and highest id of the cases a version scored in a window (through the time index);
 * undefined when there is none.
 *
 * @example
 * const bounds = await windowBounds(db, query); // { lo: 1_204_331, hi: 2_204_330 }
 */
export async function windowBounds(
  db: Db,
  query: ScoredWindowQuery,
): Promise<{ lo: number; hi: number } | undefined> {
  const result = await sql<{
    lo: unknown;
    hi: unknown;
  }>`select min(id) as lo, max(id) as hi from audit_predictions
    where scored_at >= ${query.since} and scored_at < ${query.until} and ${ofVersion(query)}`.execute(db);
  const row = result.rows[0];
  if (row?.lo === null || row?.lo === undefined) return undefined;
  return { lo: Number(row.lo), hi: Number(row.hi) };
}

/** How many cases a version scored in a window. */
export async function countWindow(db: Db, query: ScoredWindowQuery): Promise<number> {
  const result = await sql<{ n: unknown }>`select count(*) as n from audit_predictions
    where scored_at >= ${query.since} and scored_at < ${query.until} and ${ofVersion(query)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * The window's cases whose ids lie in `(low, high]`, newest first up to `limit`, by column: a range
 * of ids at a time, each range's cases joined into one text by the database (a million rows cost a
 * few dozen round trips of large strings instead of a million row objects), read in primary-key
 * ranges rather than through the time index and in no order (the statistics need none), the next
 * range asked for while this one is parsed. Only a range the limit cuts is read in id order.
 *
 * @example
 * const part = await readWindowRange(db, flavor, query, bounds.lo - 1, bounds.hi, 1_000_000);
 */
export async function readWindowRange(
  db: Db,
  flavor: SqlFlavor,
  query: ScoredWindowQuery,
  low: number,
  high: number,
  limit: number,
): Promise<ScoredCases & { readonly complete: boolean }> {
  const time = flavor.unindexed('scored_at');
  const inRange = (from: number, to: number) =>
    sql`id > ${Math.max(from, low)} and id <= ${to} and ${time} >= ${query.since} and ${time} < ${query.until} and ${ofVersion(query)}`;
  const chunk = (upper: number) =>
    sql<{ inputs: string | null; scores: string | null }>`select
        ${flavor.joinedText(sql`inputs`, ',')} as inputs,
        ${flavor.joinedNumbers(sql`score`)} as scores
      from audit_predictions where ${inRange(upper - CHUNK, upper)}`.execute(db);
  const window = new WindowColumns(limit);
  let upper = high;
  let next = upper > low ? chunk(upper) : undefined;
  while (next && !window.full) {
    const { inputs, scores } = (await next).rows[0] ?? {};
    const from = upper - CHUNK;
    upper = from;
    next = upper > low ? chunk(upper) : undefined;
    if (!inputs) continue;
    const cases = JSON.parse(`[${inputs}]`) as Record<string, string | number | null>[];
    if (cases.length <= window.room) {
      window.add(cases, flavor.readJoinedNumbers(scores ?? ''));

      continue;
    }
    const newest = await sql<{ inputs: string; score: number }>`select inputs, score from audit_predictions
      where ${inRange(from, from + CHUNK)} order by id desc limit ${window.room}`.execute(db);
    window.add(
      newest.rows.map((r) => JSON.parse(r.inputs) as Record<string, string | number | null>),
      newest.rows.map((r) => Number(r.score)),
    );
  }
  // A range asked for ahead and not needed is still awaited: its connection is released.
  if (next) await next.catch(() => undefined);
  return { ...window.result(), complete: upper <= low };
}

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

/** The cases of a parsed chunk: each one's inputs, and the scores in the same order. */
export interface ChunkCases {
  readonly cases: readonly Record<string, string | number | null>[];
  readonly scores: ArrayLike<number>;
}

function windowIn(flavor: SqlFlavor, query: ScoredWindowQuery, from: number, to: number) {
  const time = flavor.unindexed('scored_at');
  return sql`id > ${from} and id <= ${to} and ${time} >= ${query.since} and ${time} < ${query.until} and ${ofVersion(query)}`;
}

/**
 * The window's cases whose ids lie in `(from, to]`, in no order, the database joining them into one
 * text (a few hundred thousand rows cost one round trip of a large string, not a row object each).
 *
 * @example
 * const { cases, scores } = await readChunk(db, flavor, query, 950_000, 1_000_000);
 */
export async function readChunk(
  db: Db,
  flavor: SqlFlavor,
  query: ScoredWindowQuery,
  from: number,
  to: number,
): Promise<ChunkCases> {
  const result = await sql<{ inputs: string | null; scores: string | null }>`select
      ${flavor.joinedText(sql`inputs`, ',')} as inputs,
      ${flavor.joinedNumbers(sql`score`)} as scores
    from audit_predictions where ${windowIn(flavor, query, from, to)}`.execute(db);
  const { inputs, scores } = result.rows[0] ?? {};
  if (!inputs) return { cases: [], scores: [] };
  return { cases: JSON.parse(`[${inputs}]`), scores: flavor.readJoinedNumbers(scores ?? '') };
}

/**
 * The newest `count` of the window's cases whose ids lie in `(from, to]`, newest first: the one
 * range a window's limit cuts.
 *
 * @example
 * await readNewest(db, flavor, query, 950_000, 1_000_000, 1234);
 */
export async function readNewest(
  db: Db,
  flavor: SqlFlavor,
  query: ScoredWindowQuery,
  from: number,
  to: number,
  count: number,
): Promise<ChunkCases> {
  const newest = await sql<{ inputs: string; score: number }>`select inputs, score from audit_predictions
    where ${windowIn(flavor, query, from, to)} order by id desc limit ${count}`.execute(db);
  return {
    cases: newest.rows.map((r) => JSON.parse(r.inputs) as Record<string, string | number | null>),
    scores: newest.rows.map((r) => Number(r.score)),
  };
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
  const window = new WindowColumns(limit);
  const chunk = (upper: number) => readChunk(db, flavor, query, Math.max(upper - CHUNK, low), upper);
  let upper = high;
  let next = upper > low ? chunk(upper) : undefined;
  while (next && !window.full) {
    const read = await next;
    const from = upper - CHUNK;
    upper = from;
    next = upper > low ? chunk(upper) : undefined;
    if (read.cases.length <= window.room) {
      window.add(read.cases, read.scores);
      continue;
    }
    const newest = await readNewest(db, flavor, query, Math.max(from, low), from + CHUNK, window.room);
    window.add(newest.cases, newest.scores);
  }
  // A range asked for ahead and not needed is still awaited: its connection is released.
  if (next) await next.catch(() => undefined);
  return { ...window.result(), complete: upper <= low };
}

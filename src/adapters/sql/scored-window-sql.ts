import { type Kysely, sql } from 'kysely';
import type { ScoredCases } from '../../core/quality/quality-table-from-cases.js';
import type { ScoredWindowQuery } from '../../ports/audit-log.js';
import { type CaseInputs, caseInputs, inputNamesOf } from './audit-case-inputs.js';
import { jsonListOf } from './audit-part-text.js';
import type { SqlFlavor } from './sql-flavor.js';
import { WindowColumns } from './window-columns.js';

/** Cases read per statement, about: the span of part ids asked for follows the parts' sizes. */
const CHUNK_CASES = 50_000;
/** Part ids asked for first, before their sizes are known. */
const FIRST_SPAN = 50;

// biome-ignore lint/suspicious/noExplicitAny: the audit tables, whatever the store's other tables
type Db = Kysely<any>;

function ofVersion(query: ScoredWindowQuery) {
  return sql`model_name = ${query.modelName} and model_version = ${query.modelVersion}`;
}

/**
 * The lowest and highest id of the parts scored in a window, whatever their version: two probes of
 * the time index, not a pass over the window's rows (the readers filter by version as they read);
 * undefined when nothing was scored in it.
 *
 * @example
 * const ids = await windowIds(db, query); // { lo: 1_204, hi: 2_204 }
 */
export async function windowIds(
  db: Db,
  query: ScoredWindowQuery,
): Promise<{ lo: number; hi: number } | undefined> {
  const result = await sql<{ lo: unknown; hi: unknown }>`select min(id) as lo, max(id) as hi from audit_parts
    where scored_at >= ${query.since} and scored_at < ${query.until}`.execute(db);
  const row = result.rows[0];
  if (row?.lo === null || row?.lo === undefined) return undefined;
  return { lo: Number(row.lo), hi: Number(row.hi) };
}

/**
 * How many cases the version scored in the window: a pass over the window's rows, asked only when
 * a read stopped at its limit (a read that was not cut counts them as it goes).
 *
 * @example
 * await windowCases(db, query); // 1_250_000
 */
export async function windowCases(db: Db, query: ScoredWindowQuery): Promise<number> {
  const result = await sql<{ cases: unknown }>`select coalesce(sum(cases), 0) as cases from audit_parts
    where scored_at >= ${query.since} and scored_at < ${query.until} and ${ofVersion(query)}`.execute(db);
  return Number(result.rows[0]?.cases ?? 0);
}

/** Newest parts whose sizes estimate the window's. */
const SIZE_SAMPLE = 100;

/**
 * About how many cases the parts with ids in `[lo, hi]` hold: their number times the mean size of
 * the newest of them (to choose between one thread and several, not to report).
 *
 * @example
 * await estimatedCases(db, 1, 1_000); // 1_000_000 when the parts hold 1000 cases each
 */
export async function estimatedCases(db: Db, lo: number, hi: number): Promise<number> {
  const result = await sql<{ cases: unknown; parts: unknown }>`select coalesce(sum(cases), 0) as cases,
    count(*) as parts from (select cases from audit_parts where id >= ${lo} and id <= ${hi}
    order by id desc limit ${SIZE_SAMPLE}) newest`.execute(db);
  const row = result.rows[0];
  const parts = Number(row?.parts ?? 0);
  return parts === 0 ? 0 : (Number(row?.cases) / parts) * (hi - lo + 1);
}

/**
 * The cases of a parsed chunk, in groups of one list of names: each case's inputs an object, or an
 * array of values named by the group's `names` (rows written with `input_names`); its scores in
 * the same order.
 */
export interface ChunkCases {
  readonly groups: readonly {
    readonly names: readonly string[] | null;
    readonly cases: readonly unknown[];
    readonly scores: ArrayLike<number>;
  }[];
  /** Cases in every group. */
  readonly count: number;
}

/** A chunk of `groups`, counted. */
function chunkOf(groups: ChunkCases['groups']): ChunkCases {
  return { groups, count: groups.reduce((sum, g) => sum + g.cases.length, 0) };
}

function windowIn(flavor: SqlFlavor, query: ScoredWindowQuery, from: number, to: number) {
  const time = flavor.unindexed('scored_at');
  return sql`id > ${from} and id <= ${to} and ${time} >= ${query.since} and ${time} < ${query.until} and ${ofVersion(query)}`;
}

/**
 * The window's cases of the parts whose ids lie in `(from, to]`, in no order, the database joining
 * the parts' arrays into one text (a few hundred thousand cases cost one round trip of a large
 * string, not a row object each), and how many parts that was.
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
  // The parts' lists (arrays without their brackets) joined by commas: one list of every case,
  // each an array of values (rows with input_names) or an object. A version's rows have one list
  // of names; a chunk with more (never written so) is read again by list. Neither GROUP BY nor an
  // aggregate per form: over 1M rows of objects the live check took 1.64–1.88 s and 1.40–1.55 s
  // on SQLite with them, 1.20–1.29 s with this (docs/benchmarks.md).
  const result = await sql<{
    least_names: string | null;
    most_names: string | null;
    inputs: string | null;
    scores: string | null;
  }>`select min(input_names) as least_names, max(input_names) as most_names,
      ${flavor.joinedText(sql`inputs`, ',')} as inputs, ${flavor.joinedText(sql`scores`, ',')} as scores
    from audit_parts where ${windowIn(flavor, query, from, to)}`.execute(db);
  const row = result.rows[0];
  if (!row) return chunkOf([]);
  if (row.least_names !== row.most_names) return readChunkByNames(db, flavor, query, from, to);
  return chunkOf(groupOf(row.least_names, row.inputs, row.scores));
}

/** A chunk's cases of one list of names (or none), parsed; none when the texts are empty. */
function groupOf(names: string | null, inputs: string | null, scores: string | null): ChunkCases['groups'] {
  if (!inputs) return [];
  return [
    {
      names: inputNamesOf(names),
      cases: JSON.parse(jsonListOf(inputs)) as unknown[],
      scores: JSON.parse(jsonListOf(scores ?? '')) as number[],
    },
  ];
}

/** `readChunk` of a chunk whose rows name their inputs in several ways: a list per way. */
async function readChunkByNames(
  db: Db,
  flavor: SqlFlavor,
  query: ScoredWindowQuery,
  from: number,
  to: number,
): Promise<ChunkCases> {
  const result = await sql<{
    input_names: string | null;
    inputs: string | null;
    scores: string | null;
  }>`select
      input_names, ${flavor.joinedText(sql`inputs`, ',')} as inputs, ${flavor.joinedText(sql`scores`, ',')} as scores
    from audit_parts where ${windowIn(flavor, query, from, to)} group by input_names`.execute(db);
  return chunkOf(result.rows.flatMap((r) => groupOf(r.input_names, r.inputs, r.scores)));
}

/**
 * The newest `count` of the window's cases of the parts whose ids lie in `(from, to]`, newest first
 * (by part, then row from the last): the one range a window's limit cuts.
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
  // Every part holds a case at least: `count` parts hold enough.
  const newest = await sql<{ input_names: string | null; inputs: string; scores: string }>`select
      input_names, inputs, scores from audit_parts
    where ${windowIn(flavor, query, from, to)} order by id desc limit ${count}`.execute(db);
  const cases: CaseInputs[] = [];
  const scores: number[] = [];
  for (const part of newest.rows) {
    const names = inputNamesOf(part.input_names);
    const inputs = JSON.parse(jsonListOf(part.inputs)) as unknown[];
    const values = JSON.parse(jsonListOf(part.scores)) as number[];
    for (let i = inputs.length - 1; i >= 0 && cases.length < count; i--) {
      cases.push(caseInputs(inputs[i], names));
      scores.push(Number(values[i]));
    }
    if (cases.length >= count) break;
  }
  return chunkOf([{ names: null, cases, scores }]);
}

/**
 * The window's cases of the parts whose ids lie in `(low, high]`, newest first up to `limit`, by
 * column: a range of part ids at a time (sized to hold about 50,000 cases, from the sizes of the
 * parts read so far), each range's arrays joined into one text by the database (a million cases
 * cost a few dozen round trips of large strings instead of a million row objects), read in
 * primary-key ranges rather than through the time index and in no order (the statistics need
 * none), the next range asked for while this one is parsed. Only a range the limit cuts is read in
 * id order.
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
  let span = FIRST_SPAN;
  const chunk = (upper: number, ids: number) =>
    readChunk(db, flavor, query, Math.max(upper - ids, low), upper).then((read) => ({ read, upper, ids }));
  let upper = high;
  let next = upper > low ? chunk(upper, span) : undefined;
  upper -= span;
  /** The lowest id read, and whether the limit left cases unread. */
  let reached = high;
  let cut = false;
  while (next && !window.full) {
    const { read, upper: top, ids } = await next;
    reached = top - ids;
    // The cases per part id seen so far size the ranges asked for next.
    if (read.count > 0)
      span = Math.max(1, Math.min(CHUNK_CASES, Math.round((CHUNK_CASES * ids) / read.count)));
    next = upper > low ? chunk(upper, span) : undefined;
    upper -= span;
    if (read.count <= window.room) {
      for (const group of read.groups) window.add(group.cases, group.scores, group.names);
      continue;
    }
    const newest = await readNewest(db, flavor, query, Math.max(top - ids, low), top, window.room);
    for (const group of newest.groups) window.add(group.cases, group.scores, group.names);
    cut = true;
  }
  // A range asked for ahead and not needed is still awaited: its connection is released.
  if (next) await next.catch(() => undefined);
  return { ...window.result(), complete: reached <= low && !cut };
}

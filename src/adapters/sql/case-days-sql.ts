import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { CaseDay } from '../../core/cases/index.js';
import type { CaseDaysQuery } from '../../ports/case-store.js';

// biome-ignore lint/suspicious/noExplicitAny: the cases table, whatever the store's other tables
type Db = Kysely<any>;

const DAY_MS = 86_400_000;

/** Counts the cases of a group that meet `condition`. */
const countOf = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`;

/**
 * The cases a model (version) opened per UTC day, oldest day first, in one grouped scan of
 * `alert_cases`: alerted (`sampled = 0`) and sampled apart, each with how many are concluded and
 * concluded as laundering. The same statement on SQLite and PostgreSQL: `opened_at` is an integer
 * there and a bigint here, so dividing it by the day's milliseconds truncates in both. A case
 * counts on the day it was opened, wherever its conclusion came later.
 *
 * @example
 * await casesPerDay(db, { modelName: 'consumers-laundering-model', modelVersion: '4', since: Date.parse('2026-12-01') });
 * // [{ day: '2026-12-01', opened: 52, concluded: 40, positive: 31, sampled: 8, sampledConcluded: 6, sampledPositive: 0 }, …]
 */
export async function casesPerDay(db: Db, query: CaseDaysQuery): Promise<CaseDay[]> {
  const where = [sql`model_name = ${query.modelName}`];
  if (query.modelVersion !== undefined) where.push(sql`model_version = ${query.modelVersion}`);
  if (query.since !== undefined) where.push(sql`opened_at >= ${query.since}`);
  if (query.until !== undefined) where.push(sql`opened_at < ${query.until}`);
  const alerted = sql`sampled = 0`;
  const concluded = sql`state = 'concluded'`;
  const positive = sql`state = 'concluded' and label = 1`;
  const result = await sql<Record<string, unknown>>`select
      cast(opened_at / ${sql.lit(DAY_MS)} as integer) as day,
      ${countOf(alerted)} as opened,
      ${countOf(sql`${alerted} and ${concluded}`)} as concluded,
      ${countOf(sql`${alerted} and ${positive}`)} as positive,
      ${countOf(sql`sampled <> 0`)} as sampled,
      ${countOf(sql`sampled <> 0 and ${concluded}`)} as sampled_concluded,
      ${countOf(sql`sampled <> 0 and ${positive}`)} as sampled_positive
    from alert_cases where ${sql.join(where, sql` and `)}
    group by 1 order by 1`.execute(db);
  return result.rows.map((row) => ({
    day: new Date(Number(row.day) * DAY_MS).toISOString().slice(0, 10),
    opened: Number(row.opened),
    concluded: Number(row.concluded),
    positive: Number(row.positive),
    sampled: Number(row.sampled),
    sampledConcluded: Number(row.sampled_concluded),
    sampledPositive: Number(row.sampled_positive),
  }));
}

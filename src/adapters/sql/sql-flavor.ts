import type { Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import type { Database } from './database.js';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place; the stores are written once
 * against this interface.
 */
export interface SqlFlavor {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `work` in a transaction that may write. SQLite takes the write lock up front
   * (`BEGIN IMMEDIATE`) so that concurrent processes wait on `busy_timeout` instead of failing.
   */
  writeTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** True for a primary-key or unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /** The texts of `expression` over a group joined by `separator` (`group_concat`, `string_agg`). */
  joinedText(expression: RawBuilder<unknown>, separator: string): RawBuilder<string | null>;
  /**
   * The doubles of `expression` over a group as one text, and how to read them back: on PostgreSQL
   * their 8 bytes each in hex (exact, and far cheaper for the server than writing decimals), on
   * SQLite decimals joined by commas (15 significant digits).
   */
  joinedNumbers(expression: RawBuilder<unknown>): RawBuilder<string | null>;
  readJoinedNumbers(text: string): Float64Array;
  /**
   * The element at `index` (0-based) of the JSON list text `list` (an array's elements without its
   * brackets, as the audit table keeps inputs and scores): a number or a text as its SQL value
   * (numbers may come back as text on PostgreSQL), an object as its JSON text; null past the end.
   */
  jsonListElement(list: RawBuilder<unknown>, index: RawBuilder<unknown>): RawBuilder<unknown>;
  /** True where the text `text` holds `part` as it is (no pattern characters: `instr`, `strpos`). */
  holdsText(text: RawBuilder<unknown>, part: string): RawBuilder<boolean>;
  /** Where `part` first starts in `text`, from 1; 0 when nowhere (`instr`, `strpos`). */
  textPosition(text: RawBuilder<unknown>, part: RawBuilder<unknown>): RawBuilder<number>;
  /** A column reference the planner must not answer from an index (to keep a scan in primary-key order). */
  unindexed(column: string): RawBuilder<unknown>;
  /**
   * Locks the rows a select in a write transaction reads until the transaction ends (PostgreSQL's
   * `for update`; SQLite's write transaction holds the whole database already).
   */
  // biome-ignore lint/suspicious/noExplicitAny: any select, whatever its tables and columns
  forUpdate<Q extends SelectQueryBuilder<any, any, any>>(query: Q): Q;
  /** A point in time (ms since the epoch) as the `metrics_summary.timestamp` column holds it. */
  timestamp(time: number): Date | string;
}

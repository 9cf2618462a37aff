import type { Kysely } from 'kysely';
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
}

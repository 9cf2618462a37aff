import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { SqlFlavor } from './sql-flavor.js';

/** An open, migrated database and the flavor of SQL it speaks. Stores share one; the last `close` closes it. */
export interface SqlDatabase {
  readonly db: Kysely<Database>;
  readonly flavor: SqlFlavor;
  /** Counts one more user; each user calls `close` once. */
  retain(): void;
  close(): Promise<void>;
}

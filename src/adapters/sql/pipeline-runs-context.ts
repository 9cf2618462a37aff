import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { PipelineRunTables } from './pipeline-runs-tables.js';
import type { SqlFlavor } from './sql-flavor.js';

/** A database that knows the pipeline-run tables. */
export type PipelineRunsDb = Kysely<Database & PipelineRunTables>;

/** What every pipeline-run store function needs: the database, its flavor and the clock. */
export interface PipelineRunsContext {
  readonly db: PipelineRunsDb;
  readonly flavor: SqlFlavor;
  readonly now: () => number;
  /** Runs `work` in a write transaction of the flavor (SQLite: `BEGIN IMMEDIATE`). */
  write<T>(work: (trx: PipelineRunsDb) => Promise<T>): Promise<T>;
}

import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { SqlFlavor } from './sql-flavor.js';

/** What every store function needs: the database, its flavor, the clock and the artifact root. */
export interface SqlStoreContext {
  readonly db: Kysely<Database>;
  readonly flavor: SqlFlavor;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Under which new experiments get `<root>/<experiment id>` as their artifact location. */
  readonly artifactRoot: string;
}

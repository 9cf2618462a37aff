import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { SqlDatabase } from './sql-database.js';
import type { SqlFlavor } from './sql-flavor.js';

/**
 * Wraps a Kysely instance so that several stores can share it: it is destroyed when the last of
 * them closes.
 *
 * @example
 * const database = refCountedDatabase(db, sqliteFlavor); // one user: whoever opened it
 */
export function refCountedDatabase(db: Kysely<Database>, flavor: SqlFlavor): SqlDatabase {
  let users = 1;
  return {
    db,
    flavor,
    retain() {
      users += 1;
    },
    async close() {
      users -= 1;
      if (users === 0) await db.destroy();
    },
  };
}

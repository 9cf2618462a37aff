import { AmlopsError, isAmlopsError } from '../../core/errors/index.js';
import { migrateToLatest } from './migrate-to-latest.js';
import { postgresFailure } from './postgres-failure.js';
import { postgresFlavor } from './postgres-flavor.js';
import { refCountedDatabase } from './ref-counted-database.js';
import type { SqlDatabase } from './sql-database.js';
import { sqliteFlavor } from './sqlite-flavor.js';

/**
 * Opens and migrates the database named by `url` (`migrate: false` for a second connection of a
 * process that migrated it already), choosing the dialect by scheme:
 * `postgres://` / `postgresql://` for PostgreSQL; `sqlite:PATH`, `file:PATH` or a plain path for SQLite.
 * A PostgreSQL server that cannot be reached is STORE_UNAVAILABLE saying where and why.
 *
 * @example
 * const database = await openSqlDatabase(resolveDatabaseUrl());
 */
export async function openSqlDatabase(
  url: string,
  options: { readonly migrate?: boolean } = {},
): Promise<SqlDatabase> {
  const migrate = options.migrate ?? true;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    // Loaded on demand: the embedded deployment never needs pg.
    const { openPostgres } = await import('./open-postgres.js');
    const db = openPostgres(url);
    try {
      if (migrate) await migrateToLatest(db, postgresFlavor);
    } catch (error) {
      await db.destroy();
      if (isAmlopsError(error) && error.code === 'STORE_NEWER_THAN_CODE') throw error;
      // Where (host, port, database, user; never the password) and the driver's reason.
      const cause = isAmlopsError(error) && error.code === 'STORE_UNAVAILABLE' ? error.cause : error;
      throw postgresFailure(url, cause);
    }
    return refCountedDatabase(db, postgresFlavor);
  }
  // Loaded on demand too: a PostgreSQL deployment never needs SQLite's native module.
  const { openSqlite } = await import('./open-sqlite.js');
  const db = openSqlite(sqliteFileOf(url));
  if (migrate) await migrateToLatest(db, sqliteFlavor);
  return refCountedDatabase(db, sqliteFlavor);
}

/**
 * The file of a SQLite database URL (`sqlite:path`, `file:path` or a bare path); USAGE for another
 * scheme or no file.
 *
 * @example
 * sqliteFileOf('sqlite:/srv/amlops/amlops.db'); // '/srv/amlops/amlops.db'
 */
export function sqliteFileOf(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  let file = url;
  if (scheme === 'sqlite' || scheme === 'file')
    file = url.slice(scheme.length + 1).replace(/^\/\/(?=\/)/, '');
  else if (scheme !== undefined && scheme.length > 1)
    throw new AmlopsError(
      'USAGE',
      `unsupported database URL scheme '${scheme}:'; use postgres:// or a SQLite path`,
    );
  if (file === '') throw new AmlopsError('USAGE', 'the SQLite database URL names no file');
  return file;
}

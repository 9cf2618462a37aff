import { type Kysely, sql } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';
import type { Database } from './database.js';
import { MIGRATION_NAMES } from './migrations/migration-names.js';
import type { SqlFlavor } from './sql-flavor.js';

/**
 * Brings the schema up to date; safe to run again (nothing left to do). A store migrated by a newer
 * amlops is refused first, unchanged (STORE_NEWER_THAN_CODE). Kysely locks migrations on
 * PostgreSQL; on SQLite two processes may migrate a fresh file at once, so a failed attempt is
 * retried: the statements are idempotent and the second attempt finds the work done.
 *
 * @example
 * await migrateToLatest(db, sqliteFlavor);
 */
export async function migrateToLatest(db: Kysely<Database>, flavor: SqlFlavor): Promise<void> {
  const known = [...MIGRATION_NAMES].sort();
  const applied = await refuseNewerStore(db, known, flavor);
  // Up to date (every command's start on a store in use): one read, instead of the migrator's lock
  // and table checks, a dozen round trips on PostgreSQL; the migrations' code is loaded only when
  // there is one to apply.
  if (known.every((name) => applied.includes(name))) return;
  const { runMigrations } = await import('./run-migrations.js');
  await runMigrations(db, flavor);
}

/**
 * The migrations a store has had, by name, in order; none for a new store (no migration table yet).
 *
 * @example
 * await appliedMigrations(database.db); // ['0001-initial-schema', …, '0013-registry-notify']
 */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return rows.rows.map((row) => row.name).sort();
  } catch {
    return [];
  }
}

/**
 * STORE_NEWER_THAN_CODE, before anything is changed, when the store has had migrations this code
 * does not know (a newer amlops migrated it): both versions named by their latest migration.
 * Otherwise the migrations the store has had.
 */
async function refuseNewerStore(
  db: Kysely<Database>,
  known: readonly string[],
  flavor: SqlFlavor,
): Promise<string[]> {
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !known.includes(name)).sort();
  if (unknown.length === 0) return applied;
  throw new AmlopsError(
    'STORE_NEWER_THAN_CODE',
    `the ${flavor.kind} store was migrated by a newer amlops: it is at migration ${unknown.at(-1)}, this amlops knows migrations up to ${known.at(-1)} (it lacks ${unknown.join(', ')}); nothing was changed: run the newer amlops, or restore a backup taken before the upgrade`,
    { storeMigration: unknown.at(-1), codeMigration: known.at(-1), unknown },
  );
}

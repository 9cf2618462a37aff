import { type Kysely, Migrator } from 'kysely';
import { AmlopsError, errorReason } from '../../core/errors/index.js';
import type { Database } from './database.js';
import { migrationProvider } from './migrations/migrations.js';
import type { SqlFlavor } from './sql-flavor.js';

const ATTEMPTS = 5;

/**
 * Applies the migrations a store lacks with Kysely's Migrator, retrying a failed attempt (two
 * processes migrating a fresh SQLite file at once: the statements are idempotent and the second
 * attempt finds the work done); STORE_UNAVAILABLE with the reason after the last. Loaded by
 * `migrateToLatest` only when a migration is due.
 *
 * @example
 * await runMigrations(db, sqliteFlavor);
 */
export async function runMigrations(db: Kysely<Database>, flavor: SqlFlavor): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(flavor.kind) });
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const { error } = await migrator.migrateToLatest();
    if (!error) return;
    lastError = error;
    await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1) + Math.random() * 50));
  }
  throw new AmlopsError(
    'STORE_UNAVAILABLE',
    `could not migrate the ${flavor.kind} database: ${errorReason(lastError)}`,
    undefined,
    { cause: lastError },
  );
}

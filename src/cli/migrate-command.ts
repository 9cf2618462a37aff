import { Command } from 'commander';
import { appliedMigrations } from '../adapters/sql/migrate-to-latest.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { databaseUrlOf } from '../config/index.js';
import { redactUrl } from '../core/secrets/index.js';
import type { CliContext } from './cli-context.js';

/**
 * `amlops migrate`: brings the store's schema up to date and says what it did. Every command
 * migrates the store it opens; this one is for a deployment's one-shot step (before replicas and
 * workers start) and for upgrades. Safe to run again; a store migrated by a newer amlops is refused,
 * unchanged (STORE_NEWER_THAN_CODE).
 */
export function migrateCommand(context: CliContext): Command {
  return new Command('migrate')
    .description('bring the store schema up to date (safe to run again; a newer store is refused)')
    .option('--json', 'print {store, applied, migration} as JSON')
    .action(async (_flags: unknown, command: Command) => {
      const { config } = context.config(command);
      const url = databaseUrlOf(config, context.io.cwd);
      const before = await openSqlDatabase(url, { migrate: false });
      const had = await appliedMigrations(before.db).finally(() => before.close());
      const database = await openSqlDatabase(url);
      const now = await appliedMigrations(database.db).finally(() => database.close());
      const applied = now.filter((name) => !had.includes(name));
      const result = { store: redactUrl(url), applied, migration: now.at(-1) ?? null };
      context.print(command, result, () =>
        applied.length === 0
          ? `the store ${result.store} is up to date (migration ${result.migration})`
          : `migrated the store ${result.store}: ${applied.join(', ')} (now at ${result.migration})`,
      );
    });
}

import { join } from 'node:path';

/**
 * The database to use: `DATABASE_URL` when set, else the embedded SQLite file
 * `$AMLOPS_HOME/amlops.db` (AMLOPS_HOME defaults to `./.amlops`).
 *
 * @example
 * resolveDatabaseUrl({}); // 'sqlite:.amlops/amlops.db'
 * resolveDatabaseUrl({ DATABASE_URL: 'postgres://u@db/amlops' }); // 'postgres://u@db/amlops'
 */
export function resolveDatabaseUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  return `sqlite:${join(env.AMLOPS_HOME || '.amlops', 'amlops.db')}`;
}

import { openSqlDatabase } from './open-sql-database.js';
import { SqlPipelineRunStore } from './pipeline-runs-store.js';

/**
 * Opens (and migrates) the database at `url` — a SQLite path or `postgres://` — and returns the
 * pipeline-run store on it; closing the store closes the database.
 *
 * @example
 * const store = await openPipelineRunStore(resolveDatabaseUrl());
 * const { items } = await store.listRuns();
 * await store.close();
 */
export async function openPipelineRunStore(
  url: string,
  options: { now?: () => number } = {},
): Promise<SqlPipelineRunStore> {
  const database = await openSqlDatabase(url);
  try {
    return SqlPipelineRunStore.open(database, options);
  } finally {
    await database.close();
  }
}

import type { CaseStore } from '../../ports/case-store.js';
import { SqlCaseStore } from './case-sql-store.js';
import { openSqlDatabase } from './open-sql-database.js';

/**
 * Opens (and migrates) the database at `url` — a SQLite path or `postgres://` — and returns its
 * analysts' cases; closing the store closes the database.
 *
 * @example
 * const cases = await openCaseStore(resolveDatabaseUrl());
 */
export async function openCaseStore(url: string): Promise<CaseStore> {
  const database = await openSqlDatabase(url);
  try {
    return await SqlCaseStore.open(database);
  } finally {
    await database.close();
  }
}

import type { AuditStoreWriter } from '../../ports/audit-store-writer.js';
import { openPostgresAuditWriter } from './audit-postgres-writer.js';
import { sqliteFileOf } from './audit-sqlite-appender.js';
import { openSqliteAuditWriter } from './audit-sqlite-writer.js';
import { openSqlDatabase } from './open-sql-database.js';
import type { CaseOpeningOptions } from './sqlite-case-opener.js';

/**
 * Opens (and migrates) the store at `url` — a SQLite path or `postgres://` — and returns the
 * writer of its audit table (see `AuditStoreWriter`), which also opens the analysts' cases (`cases`:
 * the share of below-threshold cases sampled, `cases.sampleRate`).
 *
 * @example
 * const writer = await openAuditStoreWriter(resolveDatabaseUrl(), { sampleRate: config['cases.sampleRate'] });
 */
export async function openAuditStoreWriter(
  url: string,
  cases: CaseOpeningOptions = {},
): Promise<AuditStoreWriter> {
  await (await openSqlDatabase(url)).close();
  const file = sqliteFileOf(url);
  if (file !== undefined) return openSqliteAuditWriter(file, cases);
  if (/^postgres(ql)?:/i.test(url)) return openPostgresAuditWriter(url, cases);
  throw new Error(`the audit log needs a store in a file or on PostgreSQL, not ${JSON.stringify(url)}`);
}

import type { AuditStoreWriter } from '../../ports/audit-store-writer.js';
import { openPostgresAuditWriter } from './audit-postgres-writer.js';
import { sqliteFileOf } from './audit-sqlite-appender.js';
import { openSqliteAuditWriter } from './audit-sqlite-writer.js';
import { openSqlDatabase } from './open-sql-database.js';

/**
 * Opens (and migrates) the store at `url` — a SQLite path or `postgres://` — and returns the
 * writer of its audit table (see `AuditStoreWriter`).
 *
 * @example
 * const writer = await openAuditStoreWriter(resolveDatabaseUrl());
 */
export async function openAuditStoreWriter(url: string): Promise<AuditStoreWriter> {
  await (await openSqlDatabase(url)).close();
  const file = sqliteFileOf(url);
  if (file !== undefined) return openSqliteAuditWriter(file);
  if (/^postgres(ql)?:/i.test(url)) return openPostgresAuditWriter(url);
  throw new Error(`the audit log needs a store in a file or on PostgreSQL, not ${JSON.stringify(url)}`);
}

import type { AuditLog } from '../../ports/audit-log.js';
import { SqlAuditLog } from './audit-sql-log.js';
import { sqliteAuditAppender, sqliteFileOf } from './audit-sqlite-appender.js';
import { openSqlDatabase } from './open-sql-database.js';

/**
 * Opens (and migrates) the database at `url` — a SQLite path or `postgres://` — and returns its
 * audit log; closing the log closes the database. On SQLite, appends go through a connection of
 * their own with a prepared statement.
 *
 * @example
 * const audit = await openAuditLog(resolveDatabaseUrl());
 */
export async function openAuditLog(url: string): Promise<AuditLog> {
  const database = await openSqlDatabase(url);
  try {
    const file = sqliteFileOf(url);
    return await SqlAuditLog.open(database, file === undefined ? undefined : sqliteAuditAppender(file));
  } finally {
    await database.close();
  }
}

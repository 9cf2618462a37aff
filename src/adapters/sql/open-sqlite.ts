import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database.js';
import { diskFullAware } from './sqlite-disk-full.js';

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens (creating when needed) a SQLite file for use by several processes at once: WAL journal
 * (readers never block the writer), a busy timeout (writers queue instead of failing),
 * case-sensitive LIKE (as MLflow's filters on PostgreSQL). A write on a full disk fails with
 * STORE_DISK_FULL naming the file.
 *
 * @example
 * const db = openSqlite('.amlops/amlops.db');
 */
export function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('case_sensitive_like = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: diskFullAware(sqlite, file) }) });
}

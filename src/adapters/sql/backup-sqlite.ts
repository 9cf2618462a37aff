import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { AmlopsError } from '../../core/errors/index.js';
import { sqliteFileOf } from './open-sql-database.js';

/** What a backup wrote. */
export interface SqliteBackup {
  readonly file: string;
  readonly bytes: number;
}

/**
 * Copies the embedded store to `destination` while servers and workers keep using it (`VACUUM
 * INTO`: a consistent, compacted copy of one moment, WAL included), then checks the copy
 * (`integrity_check`). Refuses a PostgreSQL store (use `pg_dump`) and an existing destination.
 *
 * @example
 * await backupSqlite('sqlite:/srv/amlops/amlops.db', '/backups/amlops-2026-12-04.db');
 */
export async function backupSqlite(url: string, destination: string): Promise<SqliteBackup> {
  if (/^postgres(ql)?:\/\//i.test(url))
    throw new AmlopsError(
      'USAGE',
      'amlops backup copies the embedded SQLite store; back up PostgreSQL with pg_dump (docs/deploy.md)',
    );
  const file = sqliteFileOf(url);
  if (!existsSync(file)) throw new AmlopsError('FILE_NOT_FOUND', `there is no store at ${file} to back up`);
  if (existsSync(destination))
    throw new AmlopsError('USAGE', `${destination} exists already: a backup never overwrites a file`);
  const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 15_000 });
  try {
    // One read transaction: a snapshot of one moment that writers (WAL) never wait for. SQLite's
    // page-by-page backup API starts over whenever another connection writes, which a store
    // taking audit records does all the time.
    source.prepare('vacuum into ?').run(destination);
  } finally {
    source.close();
  }
  const copy = new BetterSqlite3(destination, { readonly: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      throw new AmlopsError(
        'STORE_UNAVAILABLE',
        `the backup at ${destination} failed its integrity check: ${check}`,
      );
  } finally {
    copy.close();
  }
  return { file: destination, bytes: statSync(destination).size };
}

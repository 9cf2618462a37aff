import type { Database as BetterSqlite3Database } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { AmlopsError } from '../../core/errors/index.js';

function isDiskFull(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'SQLITE_FULL';
}

/** Runs `work`, turning SQLite's "database or disk is full" into STORE_DISK_FULL naming `file`. */
function guarded<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    // SQLite has rolled the statement (and its transaction) back: nothing half written is kept.
    throw new AmlopsError(
      'STORE_DISK_FULL',
      `the embedded store ${file} cannot be written: the disk holding it is full (SQLITE_FULL); the write was undone, what is stored is unchanged and can still be read. Free space on that disk, then write again`,
      { file },
      { cause: error },
    );
  }
}

function guardedIterator(file: string, iterator: IterableIterator<unknown>): IterableIterator<unknown> {
  return (function* () {
    try {
      for (;;) {
        const next = guarded(file, () => iterator.next());
        if (next.done) return;
        yield next.value;
      }
    } finally {
      iterator.return?.();
    }
  })();
}

/**
 * better-sqlite3's database as Kysely's SQLite dialect uses it, but a write refused for want of disk
 * space (SQLITE_FULL) fails with STORE_DISK_FULL naming the file (HTTP 507, exit code 74) rather
 * than a driver error that the error boundaries could only call a bug.
 *
 * @example
 * new SqliteDialect({ database: diskFullAware(new BetterSqlite3(file), file) });
 */
export function diskFullAware(database: BetterSqlite3Database, file: string): SqliteDatabase {
  return {
    close: () => void database.close(),
    prepare(sql): SqliteStatement {
      const statement = guarded(file, () => database.prepare(sql));
      return {
        reader: statement.reader,
        all: (parameters) => guarded(file, () => statement.all(parameters)),
        run: (parameters) => guarded(file, () => statement.run(parameters)),
        iterate: (parameters) =>
          guardedIterator(
            file,
            guarded(file, () => statement.iterate(parameters)),
          ),
      };
    },
  };
}

import BetterSqlite3 from 'better-sqlite3';
import type { ScoredCase } from '../../ports/audit-log.js';
import { AUDIT_PART_COLUMNS } from './audit-part-text.js';
import { type AuditPartRow, partsOfCases } from './audit-parts-of-cases.js';

/** Appends scored cases to a SQLite audit log through a prepared statement of its own connection. */
export interface AuditAppender {
  append(cases: readonly ScoredCase[]): void;
  close(): void;
}

/** Parts per prepared multi-row INSERT. */
const ROWS_PER_INSERT = 50;
const COLUMNS = AUDIT_PART_COLUMNS.length;

/** Puts a part's column values into `values` from `offset`, in the INSERT's column order. */
function valuesOf(part: AuditPartRow, values: unknown[], offset: number): void {
  for (let k = 0; k < COLUMNS; k++) values[offset + k] = part[AUDIT_PART_COLUMNS[k]!];
}

/**
 * A second connection to the store's SQLite file used only for appending audit records: the cases
 * as request parts (`partsOfCases`), prepared INSERTs of 50 parts (then one at a time for the rest)
 * inside one transaction, where a query builder spends tens of milliseconds compiling a large
 * statement on the request thread. WAL mode lets it write while the other connection reads.
 *
 * @example
 * const appender = sqliteAuditAppender('.amlops/amlops.db');
 * appender.append(cases);
 */
export function sqliteAuditAppender(file: string): AuditAppender {
  const db = new BetterSqlite3(file, { timeout: 15_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = (rows: number) =>
    db.prepare(
      `insert into audit_parts (${AUDIT_PART_COLUMNS.join(', ')}) values ${Array(rows)
        .fill(`(${Array(COLUMNS).fill('?').join(', ')})`)
        .join(', ')}`,
    );
  const many = insert(ROWS_PER_INSERT);
  const one = insert(1);
  const manyValues: unknown[] = new Array(ROWS_PER_INSERT * COLUMNS);
  const oneValues: unknown[] = new Array(COLUMNS);
  const appendAll = db.transaction((cases: readonly ScoredCase[]) => {
    const parts = partsOfCases(cases);
    let at = 0;
    for (; at + ROWS_PER_INSERT <= parts.length; at += ROWS_PER_INSERT) {
      for (let k = 0; k < ROWS_PER_INSERT; k++) valuesOf(parts[at + k]!, manyValues, k * COLUMNS);
      many.run(manyValues);
    }
    for (; at < parts.length; at++) {
      valuesOf(parts[at]!, oneValues, 0);
      one.run(oneValues);
    }
  });
  return {
    append: (cases) => {
      appendAll(cases);
    },
    close: () => db.close(),
  };
}

/**
 * The SQLite file a database URL names (`sqlite:PATH`, `file:PATH` or a plain path), or undefined
 * for PostgreSQL and in-memory databases.
 *
 * @example
 * sqliteFileOf('sqlite:.amlops/amlops.db'); // '.amlops/amlops.db'
 */
export function sqliteFileOf(url: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return undefined;
  const file =
    scheme === 'sqlite' || scheme === 'file' ? url.slice(scheme.length + 1).replace(/^\/\/(?=\/)/, '') : url;
  return file === '' || file === ':memory:' ? undefined : file;
}

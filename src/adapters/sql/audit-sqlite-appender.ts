import BetterSqlite3 from 'better-sqlite3';
import type { ScoredCase, SourceCheckpoint } from '../../ports/audit-log.js';

/** Appends scored cases to a SQLite audit log through a prepared statement of its own connection. */
export interface AuditAppender {
  append(cases: readonly ScoredCase[], checkpoint?: SourceCheckpoint): void;
  close(): void;
}

/**
 * A second connection to the store's SQLite file used only for appending audit records: one
 * prepared INSERT run per case inside one transaction, a few microseconds a case, where a query
 * builder spends tens of milliseconds compiling a 500-row statement on the request thread. WAL
 * mode lets it write while the other connection reads.
 *
 * @example
 * const appender = sqliteAuditAppender('.amlops/amlops.db');
 * appender.append(cases);
 */
export function sqliteAuditAppender(file: string): AuditAppender {
  const db = new BetterSqlite3(file, { timeout: 15_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare(
    'insert into audit_predictions (request_id, row_index, case_id, model_name, model_version, inputs, score, scored_at, caller) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const remember = db.prepare(
    'insert into audit_spool_checkpoints (source, position) values (?, ?) on conflict (source) do update set position = excluded.position',
  );
  const appendAll = db.transaction((cases: readonly ScoredCase[], checkpoint?: SourceCheckpoint) => {
    for (const c of cases)
      insert.run(
        c.requestId,
        c.row,
        c.caseId,
        c.modelName,
        c.modelVersion,
        JSON.stringify(c.inputs),
        c.score,
        c.time,
        c.caller,
      );
    if (checkpoint) remember.run(checkpoint.source, checkpoint.position);
  });
  return {
    append: (cases, checkpoint) => {
      appendAll(cases, checkpoint);
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

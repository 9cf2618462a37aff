import BetterSqlite3 from 'better-sqlite3';
import type { AuditBatch } from '../../ports/audit-sink.js';
import type { AuditStoreWriter, SourceCheckpoint } from '../../ports/audit-store-writer.js';
import { AUDIT_PART_COLUMNS, AUDIT_ROW_FIELDS, forEachAuditPart } from './audit-part-text.js';
import type { CaseOpening } from './case-openings.js';
import { type CaseOpeningOptions, sqliteCaseOpener } from './sqlite-case-opener.js';

/** Parts per prepared multi-row INSERT: fewer calls into SQLite per part than one row a statement. */
const ROWS_PER_INSERT = 100;
const COLUMNS = AUDIT_PART_COLUMNS.length;

/**
 * The audit writer of a SQLite store: a connection of its own to the store's file (WAL mode lets
 * it write while others read), prepared INSERTs of 100 rows (a request part or a group of one-case
 * requests each, see `forEachAuditPart`), one transaction per append with the cases it opens for the analysts
 * (`sqliteCaseOpener`) and the spool file's checkpoint.
 *
 * @example
 * const writer = openSqliteAuditWriter('.amlops/amlops.db', { sampleRate: 0.02 });
 * await writer.append(batches, { source, position });
 */
export function openSqliteAuditWriter(file: string, cases: CaseOpeningOptions = {}): AuditStoreWriter {
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
  const values: unknown[] = new Array(ROWS_PER_INSERT * COLUMNS);
  const remember = db.prepare(
    'insert into audit_spool_checkpoints (source, position) values (?, ?) on conflict (source) do update set position = excluded.position',
  );
  const opener = sqliteCaseOpener(db, cases);
  const appendAll = db.transaction(
    (batches: readonly AuditBatch[], openings: readonly CaseOpening[], checkpoint: SourceCheckpoint) => {
      let filled = 0;
      forEachAuditPart(batches, (row) => {
        const o = filled * COLUMNS;
        for (let k = 0; k < COLUMNS; k++) values[o + k] = row[AUDIT_ROW_FIELDS[k]!];
        filled += 1;
        if (filled === ROWS_PER_INSERT) {
          many.run(values);
          filled = 0;
        }
      });
      for (let r = 0; r < filled; r++) one.run(values.slice(r * COLUMNS, (r + 1) * COLUMNS));
      opener.open(openings);
      remember.run(checkpoint.source, checkpoint.position);
    },
  );
  const positionOf = db.prepare<[string], { position: number }>(
    'select position from audit_spool_checkpoints where source = ?',
  );
  const forget = db.prepare('delete from audit_spool_checkpoints where source = ?');
  return {
    // Larger transactions did not write faster into SQLite (npm run bench:audit).
    appendCases: 20_000,
    async append(batches, checkpoint) {
      appendAll(batches, opener.openingsOf(batches), checkpoint);
    },
    async checkpointOf(source) {
      const row = positionOf.get(source);
      return row ? Number(row.position) : undefined;
    },
    async forgetCheckpoint(source) {
      forget.run(source);
    },
    async ping() {
      positionOf.get('');
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

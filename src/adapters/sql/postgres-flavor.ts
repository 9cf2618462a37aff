import { sql } from 'kysely';
import type { SqlFlavor } from './sql-flavor.js';

function code(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** PostgreSQL through a pg Pool: ordinary transactions; row locks serialize conflicting writes. */
export const postgresFlavor: SqlFlavor = {
  kind: 'postgres',
  writeTransaction(db, work) {
    return db.transaction().execute((trx) => work(trx));
  },
  isUniqueViolation(error) {
    return code(error) === '23505';
  },
  joinedText: (expression, separator) => sql<string | null>`string_agg(${expression}, ${separator})`,
  // PostgreSQL (12 and later) writes a double's shortest text that reads back exactly.
  numberText: (expression) => sql<string>`${expression}::text`,
  unindexed: (column) => sql.ref(column),
  forUpdate: (query) => query.forUpdate() as typeof query,
  timestamp: (time) => new Date(time),
};

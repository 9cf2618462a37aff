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
};

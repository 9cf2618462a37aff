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
  joinedNumbers: (expression) => sql<string | null>`string_agg(encode(float8send(${expression}), 'hex'), '')`,
  readJoinedNumbers: (text) => {
    const bytes = Buffer.from(text, 'hex');
    const values = new Float64Array(bytes.length / 8);
    for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleBE(i * 8);
    return values;
  },
  // `json`, not `jsonb`: the element's text as written (key order and number spelling kept).
  jsonListElement: (list, index) => sql`(('[' || ${list} || ']')::json ->> (${index})::integer)`,
  holdsText: (text, part) => sql<boolean>`strpos(${text}, ${part}) > 0`,
  textPosition: (text, part) => sql<number>`strpos(${text}, ${part})`,
  // An expression of the column, which PostgreSQL does not look up in an index either.
  unindexed: (column) => sql`(${sql.ref(column)} + 0)`,
  forUpdate: (query) => query.forUpdate() as typeof query,
  timestamp: (time) => new Date(time),
};

import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';
import type { SqlFlavor } from './sql-flavor.js';

function code(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** SQLite through better-sqlite3: one connection per process, `BEGIN IMMEDIATE` for writes. */
export const sqliteFlavor: SqlFlavor = {
  kind: 'sqlite',
  async writeTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => undefined);
        throw error;
      }
    });
  },
  isUniqueViolation(error) {
    const c = code(error);
    return c === 'SQLITE_CONSTRAINT_PRIMARYKEY' || c === 'SQLITE_CONSTRAINT_UNIQUE';
  },
  joinedText: (expression, separator) => sql<string | null>`group_concat(${expression}, ${separator})`,
  joinedNumbers: (expression) => sql<string | null>`group_concat(cast(${expression} as text), ',')`,
  readJoinedNumbers: (text) => Float64Array.from(JSON.parse(`[${text}]`) as number[]),
  // `->>` with an integer on its right reads that element of an array (`$[N]`).
  jsonListElement: (list, index) => sql`(('[' || ${list} || ']') ->> (${index}))`,
  holdsText: (text, part) => sql<boolean>`instr(${text}, ${part}) > 0`,
  textPosition: (text, part) => sql<number>`instr(${text}, ${part})`,
  // A unary plus makes the column an expression, which SQLite does not look up in an index.
  unindexed: (column) => sql`+${sql.ref(column)}`,
  forUpdate: (query) => query,
  timestamp: (time) => new Date(time).toISOString(),
};

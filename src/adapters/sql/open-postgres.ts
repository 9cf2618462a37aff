import { createRequire } from 'node:module';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './database.js';

const INT8_OID = 20;

/**
 * Opens a pool on a PostgreSQL URL. `bigint` columns (times in milliseconds, counts) come back as
 * numbers, which they fit in, rather than pg's default strings.
 *
 * @example
 * const db = openPostgres('postgres://amlops@127.0.0.1:5432/amlops');
 */
export function openPostgres(url: string): Kysely<Database> {
  // Loaded on first use: the embedded (SQLite) deployment never needs the PostgreSQL driver.
  const pg = createRequire(import.meta.url)('pg') as typeof import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

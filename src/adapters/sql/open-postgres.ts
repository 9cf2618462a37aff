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
  // An idle connection the server ends (a restart, an outage) is dropped from the pool and the next
  // query opens another, failing with the reason while the server is away. Unlistened, the pool's
  // 'error' event would end the process: a replica must keep scoring through a store outage.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

import { afterAll, inject } from 'vitest';
import { type PostgresServer, startPostgresServer } from '../setup/postgres-server.js';
import { freshPostgresDatabase } from '../stores/fresh-postgres-database.js';

/**
 * Registers (at the top of a test file) access to a real PostgreSQL: the server of the global
 * setup when it started one, otherwise one started for this file only (global-setup starts its
 * servers only for test/stores and test/contracts). Returns a function giving a fresh database's URL.
 *
 * @example
 * const freshDatabase = usePostgres();
 * const url = await freshDatabase();
 */
export function usePostgres(): () => Promise<string> {
  let own: Promise<PostgresServer> | undefined;
  afterAll(async () => {
    if (own) await (await own).stop();
  });
  return async () => {
    const provided = inject('postgresUrl');
    if (provided) return freshPostgresDatabase(provided);
    own ??= startPostgresServer();
    return freshPostgresDatabase((await own).url);
  };
}

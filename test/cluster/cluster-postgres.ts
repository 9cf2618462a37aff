import { type PostgresServer, startPostgresServer } from '../setup/postgres-server.js';
import { freshPostgresDatabase } from '../stores/fresh-postgres-database.js';

/** The PostgreSQL a cluster stores everything in, and how to stop it. */
export interface ClusterPostgres {
  /** An empty database of its own server. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL server for one cluster (test/setup/postgres-server.ts: initdb in a
 * temporary directory, 127.0.0.1, a free port) and an empty database on it. A server of its own,
 * not the global setup's: a cluster's processes hold some 25 connections, and cluster files running
 * side by side on a machine with many cores would otherwise share one server's 100.
 *
 * @example
 * const postgres = await clusterPostgres(); // DATABASE_URL=postgres.url for every process
 * await postgres.stop();
 */
export async function clusterPostgres(): Promise<ClusterPostgres> {
  const server: PostgresServer = await startPostgresServer();
  try {
    return { url: await freshPostgresDatabase(server.url), stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

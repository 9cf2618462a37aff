import type { Kysely, Migration } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * What each scoring process served, a row per process per interval: requests, errors and the
 * latency histogram's counts, so that error-rate and latency alerts, and the UI's traffic charts,
 * read every replica's figures from the store.
 *
 * @example
 * migrations['0009-service-stats'] = serviceStatsSchema('postgres');
 */
export function serviceStatsSchema(kind: SqlFlavor['kind']): Migration {
  const id = kind === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('service_stats')
        .ifNotExists()
        .addColumn('id', id, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('interval_start', 'bigint', (c) => c.notNull())
        .addColumn('interval_end', 'bigint', (c) => c.notNull())
        .addColumn('requests', 'bigint', (c) => c.notNull())
        .addColumn('server_errors', 'bigint', (c) => c.notNull())
        .addColumn('client_errors', 'bigint', (c) => c.notNull())
        .addColumn('cases', 'bigint', (c) => c.notNull())
        .addColumn('latency_sum', 'double precision', (c) => c.notNull())
        .addColumn('latency_counts', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('service_stats_time_idx')
        .ifNotExists()
        .on('service_stats')
        .columns(['interval_end'])
        .execute();
    },
  };
}

import type { Kysely } from 'kysely';
import type { ServiceInterval } from '../../core/monitoring/service-interval.js';
import type { ServiceStatsStore } from '../../ports/service-stats-store.js';
import type { Database } from './database.js';
import type { ServiceStatsTables } from './service-stats-tables.js';
import type { SqlDatabase } from './sql-database.js';

/**
 * Service statistics on SQLite or PostgreSQL, sharing the stores' database: a row per scoring process
 * per interval, the latency counts as a JSON list.
 *
 * @example
 * const stats = await SqlServiceStatsStore.open(database);
 * await stats.append(recorder.take()!);
 */
export class SqlServiceStatsStore implements ServiceStatsStore {
  readonly #database: SqlDatabase;
  readonly #db: Kysely<Database & ServiceStatsTables>;

  private constructor(database: SqlDatabase) {
    this.#database = database;
    this.#db = database.db.withTables<ServiceStatsTables>();
  }

  /** Takes one reference to `database`, released by `close`. */
  static async open(database: SqlDatabase): Promise<SqlServiceStatsStore> {
    database.retain();
    return new SqlServiceStatsStore(database);
  }

  async append(interval: ServiceInterval): Promise<void> {
    await this.#db
      .insertInto('service_stats')
      .values({
        source: interval.source,
        interval_start: interval.start,
        interval_end: interval.end,
        requests: interval.requests,
        server_errors: interval.serverErrors,
        client_errors: interval.clientErrors,
        cases: interval.cases,
        latency_sum: interval.latencySum,
        latency_counts: JSON.stringify(interval.latencyCounts),
      })
      .execute();
  }

  async intervals(query: {
    readonly since: number;
    readonly until: number;
  }): Promise<readonly ServiceInterval[]> {
    const rows = await this.#db
      .selectFrom('service_stats')
      .selectAll()
      .where('interval_end', '>=', query.since)
      .where('interval_end', '<', query.until)
      .orderBy('interval_end', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map((r) => ({
      source: r.source,
      start: Number(r.interval_start),
      end: Number(r.interval_end),
      requests: Number(r.requests),
      serverErrors: Number(r.server_errors),
      clientErrors: Number(r.client_errors),
      cases: Number(r.cases),
      latencySum: Number(r.latency_sum),
      latencyCounts: JSON.parse(r.latency_counts) as number[],
    }));
  }

  async deleteOlderThan(time: number): Promise<number> {
    const result = await this.#db
      .deleteFrom('service_stats')
      .where('interval_end', '<', time)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  close(): Promise<void> {
    return this.#database.close();
  }
}

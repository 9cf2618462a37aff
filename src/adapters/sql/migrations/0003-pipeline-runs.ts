import type { Kysely, Migration } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * The pipeline-run tables: runs, one row per step, and log lines. `if not exists` throughout, as
 * in the initial schema, so that two processes migrating a fresh SQLite file at once both succeed.
 *
 * @example
 * migrations['0003-pipeline-runs'] = pipelineRunsSchema('sqlite');
 */
export function pipelineRunsSchema(kind: SqlFlavor['kind']): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const s = db.schema;
      await s
        .createTable('pipeline_runs')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('flow', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('failed_step', 'text')
        .addColumn('tracking_run_id', 'text')
        .addColumn('worker', 'text')
        .addColumn('heartbeat_at', 'bigint')
        .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await s
        .createIndex('pipeline_runs_created_idx')
        .ifNotExists()
        .on('pipeline_runs')
        .columns(['created_at', 'id'])
        .execute();
      await s
        .createIndex('pipeline_runs_state_idx')
        .ifNotExists()
        .on('pipeline_runs')
        .columns(['state', 'heartbeat_at'])
        .execute();
      await s
        .createTable('pipeline_run_steps')
        .ifNotExists()
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('output', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addPrimaryKeyConstraint('pipeline_run_steps_pk', ['run_id', 'name'])
        .execute();
      let logs = s.createTable('pipeline_run_logs').ifNotExists();
      logs =
        kind === 'postgres'
          ? logs.addColumn('seq', 'bigserial', (c) => c.primaryKey())
          : logs.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
      await logs
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('time', 'bigint', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('fields', 'text')
        .execute();
      await s
        .createIndex('pipeline_run_logs_run_idx')
        .ifNotExists()
        .on('pipeline_run_logs')
        .columns(['run_id', 'seq'])
        .execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';

/**
 * The tracking and registry tables. Every statement is `if not exists` so that two processes
 * migrating a fresh SQLite file at once both succeed (SQLite has no migration lock).
 *
 * @example
 * migrations['0001-initial-schema'] = initialSchema('postgres');
 */
export function initialSchema(kind: SqlFlavor['kind']): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const s = db.schema;
      let experiments = s.createTable('experiments').ifNotExists();
      experiments =
        kind === 'postgres'
          ? experiments.addColumn('experiment_id', 'serial', (c) => c.primaryKey())
          : experiments.addColumn('experiment_id', 'integer', (c) => c.primaryKey().autoIncrement());
      await experiments
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('artifact_location', 'text', (c) => c.notNull())
        .addColumn('lifecycle_stage', 'text', (c) => c.notNull())
        .addColumn('creation_time', 'bigint', (c) => c.notNull())
        .addColumn('last_update_time', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createTable('experiment_tags')
        .ifNotExists()
        .addColumn('experiment_id', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('experiment_tags_pk', ['experiment_id', 'key'])
        .execute();
      await s
        .createTable('runs')
        .ifNotExists()
        .addColumn('run_uuid', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('experiment_id', 'integer', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('start_time', 'bigint', (c) => c.notNull())
        .addColumn('end_time', 'bigint')
        .addColumn('lifecycle_stage', 'text', (c) => c.notNull())
        .addColumn('artifact_uri', 'text', (c) => c.notNull())
        .addColumn('deleted_time', 'bigint')
        // 1 when deleted along with its experiment, so that restoring the experiment restores it.
        .addColumn('deleted_with_experiment', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await s
        .createIndex('runs_experiment_idx')
        .ifNotExists()
        .on('runs')
        .columns(['experiment_id', 'start_time'])
        .execute();
      for (const table of ['params', 'tags']) {
        await s
          .createTable(table)
          .ifNotExists()
          .addColumn('run_uuid', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ['run_uuid', 'key'])
          .execute();
      }
      let metrics = s.createTable('metrics').ifNotExists();
      metrics =
        kind === 'postgres'
          ? metrics.addColumn('id', 'bigserial', (c) => c.primaryKey())
          : metrics.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      await metrics
        .addColumn('run_uuid', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('is_nan', 'integer', (c) => c.notNull())
        .addColumn('timestamp', 'bigint', (c) => c.notNull())
        .addColumn('step', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createIndex('metrics_history_idx')
        .ifNotExists()
        .on('metrics')
        .columns(['run_uuid', 'key', 'step'])
        .execute();
      await s
        .createTable('latest_metrics')
        .ifNotExists()
        .addColumn('run_uuid', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('is_nan', 'integer', (c) => c.notNull())
        .addColumn('timestamp', 'bigint', (c) => c.notNull())
        .addColumn('step', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('latest_metrics_pk', ['run_uuid', 'key'])
        .execute();
      await s
        .createTable('registered_models')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('creation_time', 'bigint', (c) => c.notNull())
        .addColumn('last_updated_time', 'bigint', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('registered_model_tags')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('registered_model_tags_pk', ['name', 'key'])
        .execute();
      await s
        .createTable('registered_model_aliases')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('registered_model_aliases_pk', ['name', 'alias'])
        .execute();
      await s
        .createTable('model_versions')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('creation_time', 'bigint', (c) => c.notNull())
        .addColumn('last_updated_time', 'bigint', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('current_stage', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('run_link', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_message', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('model_versions_pk', ['name', 'version'])
        .execute();
      await s
        .createTable('model_version_tags')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('model_version_tags_pk', ['name', 'version', 'key'])
        .execute();
    },
  };
}

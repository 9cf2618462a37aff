import { type RawBuilder, sql } from 'kysely';
import type { SearchTarget } from './search-target.js';

const TABLES = { metric: 'latest_metrics', param: 'params', tag: 'tags' } as const;

/** Runs: attributes are columns of `runs`; metrics are the latest values (NaN excluded). */
export const runSearchTarget: SearchTarget = {
  subject: 'run',
  attributes: {
    status: sql.ref('runs.status'),
    run_name: sql.ref('runs.name'),
    run_id: sql.ref('runs.run_uuid'),
    user_id: sql.ref('runs.user_id'),
    artifact_uri: sql.ref('runs.artifact_uri'),
    start_time: sql.ref('runs.start_time'),
    end_time: sql.ref('runs.end_time'),
  },
  exists(entity, key, predicate) {
    const nan = entity === 'metric' ? sql` and e.is_nan = 0` : sql``;
    return sql<boolean>`exists (select 1 from ${sql.table(TABLES[entity])} as e where e.run_uuid = runs.run_uuid and e.key = ${key}${nan} and ${predicate(sql.ref('e.value'))})`;
  },
  value(entity, key) {
    const nan = entity === 'metric' ? sql` and e.is_nan = 0` : sql``;
    return sql`(select e.value from ${sql.table(TABLES[entity])} as e where e.run_uuid = runs.run_uuid and e.key = ${key}${nan})`;
  },
};

function tagsOnly(
  subject: string,
  attributes: Record<string, RawBuilder<unknown>>,
  join: (alias: string) => RawBuilder<unknown>,
  table: string,
): SearchTarget {
  return {
    subject,
    attributes,
    exists(_entity, key, predicate) {
      return sql<boolean>`exists (select 1 from ${sql.table(table)} as t where ${join('t')} and t.key = ${key} and ${predicate(sql.ref('t.value'))})`;
    },
    value(_entity, key) {
      return sql`(select t.value from ${sql.table(table)} as t where ${join('t')} and t.key = ${key})`;
    },
  };
}

/** Experiments: name, times and tags. */
export const experimentSearchTarget = tagsOnly(
  'experiment',
  {
    name: sql.ref('experiments.name'),
    creation_time: sql.ref('experiments.creation_time'),
    last_update_time: sql.ref('experiments.last_update_time'),
  },
  (t) => sql`${sql.ref(`${t}.experiment_id`)} = experiments.experiment_id`,
  'experiment_tags',
);

/** Registered models: name, times and tags. */
export const registeredModelSearchTarget = tagsOnly(
  'registered model',
  {
    name: sql.ref('registered_models.name'),
    creation_time: sql.ref('registered_models.creation_time'),
    last_updated_time: sql.ref('registered_models.last_updated_time'),
  },
  (t) => sql`${sql.ref(`${t}.name`)} = registered_models.name`,
  'registered_model_tags',
);

/** Model versions: name, version, run, source, stage, times and tags. */
export const modelVersionSearchTarget = tagsOnly(
  'model version',
  {
    name: sql.ref('model_versions.name'),
    version: sql.ref('model_versions.version'),
    run_id: sql.ref('model_versions.run_id'),
    source: sql.ref('model_versions.source'),
    current_stage: sql.ref('model_versions.current_stage'),
    creation_time: sql.ref('model_versions.creation_time'),
    last_updated_time: sql.ref('model_versions.last_updated_time'),
  },
  (t) =>
    sql`${sql.ref(`${t}.name`)} = model_versions.name and ${sql.ref(`${t}.version`)} = model_versions.version`,
  'model_version_tags',
);

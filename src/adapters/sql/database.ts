import type { Generated } from 'kysely';

/** The tables of the tracking store and model registry, as Kysely sees them (columns in snake_case, as MLflow's). */
export interface Database {
  experiments: {
    experiment_id: Generated<number>;
    name: string;
    artifact_location: string;
    lifecycle_stage: string;
    creation_time: number;
    last_update_time: number;
  };
  experiment_tags: { experiment_id: number; key: string; value: string };
  runs: {
    run_uuid: string;
    name: string;
    experiment_id: number;
    user_id: string;
    status: string;
    start_time: number;
    end_time: number | null;
    lifecycle_stage: string;
    artifact_uri: string;
    deleted_time: number | null;
    deleted_with_experiment: Generated<number>;
  };
  params: { run_uuid: string; key: string; value: string };
  tags: { run_uuid: string; key: string; value: string };
  metrics: {
    id: Generated<number>;
    run_uuid: string;
    key: string;
    value: number;
    is_nan: number;
    timestamp: number;
    step: number;
  };
  latest_metrics: {
    run_uuid: string;
    key: string;
    value: number;
    is_nan: number;
    timestamp: number;
    step: number;
  };
  registered_models: { name: string; creation_time: number; last_updated_time: number; description: string };
  registered_model_tags: { name: string; key: string; value: string };
  registered_model_aliases: { name: string; alias: string; version: number };
  model_versions: {
    name: string;
    version: number;
    creation_time: number;
    last_updated_time: number;
    description: string;
    user_id: string;
    current_stage: string;
    source: string;
    run_id: string;
    run_link: string;
    status: string;
    status_message: string;
  };
  model_version_tags: { name: string; version: number; key: string; value: string };
}

import type { Experiment } from '../../core/tracking/index.js';
import { omitEmpty } from './omit-empty.js';
import { tagsJson } from './tag-json.js';

/**
 * An experiment in MLflow's JSON (`mlflow.Experiment`).
 *
 * @example
 * experimentJson(experiment); // { experiment_id: '1', name: 'x', artifact_location: 'file:///…', lifecycle_stage: 'active', … }
 */
export function experimentJson(experiment: Experiment): Record<string, unknown> {
  return omitEmpty({
    experiment_id: experiment.experimentId,
    name: experiment.name,
    artifact_location: experiment.artifactLocation,
    lifecycle_stage: experiment.lifecycleStage,
    last_update_time: experiment.lastUpdateTime,
    creation_time: experiment.creationTime,
    tags: tagsJson(experiment.tags),
  });
}

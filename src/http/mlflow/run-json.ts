import type { Run, RunInfo } from '../../core/tracking/index.js';
import { metricJson } from './metric-json.js';
import { omitEmpty } from './omit-empty.js';
import { tagsJson } from './tag-json.js';

/**
 * A run's info in MLflow's JSON (`mlflow.RunInfo`), with the deprecated `run_uuid` that older
 * clients still read.
 *
 * @example
 * runInfoJson(run.info).run_uuid === run.info.runId; // true
 */
export function runInfoJson(info: RunInfo): Record<string, unknown> {
  return omitEmpty({
    run_id: info.runId,
    run_uuid: info.runId,
    run_name: info.runName,
    experiment_id: info.experimentId,
    user_id: info.userId,
    status: info.status,
    start_time: info.startTime,
    end_time: info.endTime ?? undefined,
    artifact_uri: info.artifactUri,
    lifecycle_stage: info.lifecycleStage,
  });
}

/**
 * A run in MLflow's JSON (`mlflow.Run`): info, and data with the latest value of each metric.
 *
 * @example
 * runJson(run); // { info: { run_id: '…', … }, data: { metrics: [...], params: [...], tags: [...] }, inputs: {} }
 */
export function runJson(run: Run): Record<string, unknown> {
  return {
    info: runInfoJson(run.info),
    data: omitEmpty({
      metrics: run.data.metrics.map(metricJson),
      params: tagsJson(run.data.params),
      tags: tagsJson(run.data.tags),
    }),
    inputs: {},
  };
}

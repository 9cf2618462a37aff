import type { PipelineSchedule } from '../../core/schedule/index.js';
import type { PipelineDeps } from '../../pipelines/pipeline-deps.js';
import type { PipelineRunStore } from '../../ports/pipeline-run-store.js';

/**
 * The pipelines amlops' API shows and steers: the runs (with their steps and logs), the pipeline
 * services' dependencies, and the configured schedules.
 *
 * @example
 * await app.register(platformApi, { stores, pipelines: serverPipelines(config, database, url, options) });
 */
export interface PlatformPipelines {
  readonly store: PipelineRunStore;
  /**
   * The services' dependencies, with the flows of the deployment. With `queue`, also the queue that
   * carries a run started here to a runner: PIPELINE_START_UNAVAILABLE, saying why and what to do
   * instead, when this server has none.
   */
  deps(options?: { readonly queue?: boolean }): Promise<PipelineDeps>;
  /**
   * The configured schedules, and whether a scheduler of this deployment fires them (`amlops up`
   * does; `amlops serve` and `amlops worker` do not).
   */
  schedules(): Promise<{ readonly schedules: readonly PipelineSchedule[]; readonly fired: boolean }>;
}

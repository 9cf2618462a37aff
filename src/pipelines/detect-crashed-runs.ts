import type { PipelineRun } from '../ports/pipeline-run-store.js';
import type { PipelineDeps } from './pipeline-deps.js';

/**
 * Marks Crashed the runs whose worker stopped heart-beating, marks FAILED_REGISTRATION a model
 * version the dead worker left pending, logs it on each run, and hands their jobs back to the queue
 * (when there is one and it holds them) so that a live worker resumes them from the step that was
 * running. The pending version is failed before the job is handed back: the retry's own
 * registration, under the same tracking run, is never touched.
 *
 * @example
 * const crashed = await detectCrashedRuns(deps); // run by every worker, every heartbeat
 */
export async function detectCrashedRuns(deps: PipelineDeps): Promise<PipelineRun[]> {
  const crashed = await deps.store.markCrashed(deps.now() - deps.timing.crashAfterMs);
  for (const run of crashed) {
    const abandoned =
      run.trackingRunId && deps.registry
        ? await deps.registry.failPendingVersionsOfRun(
            run.trackingRunId,
            `its registration died with the worker of pipeline run ${run.id}`,
          )
        : 0;
    const requeued = deps.queue ? await deps.queue.requeue(run.id) : false;
    await deps.store.appendLog(run.id, {
      time: deps.now(),
      step: run.failedStep ?? '',
      level: 'error',
      message: `crashed: ${run.error?.message ?? 'its worker stopped heart-beating'}${abandoned ? `; the model version it was registering is marked FAILED_REGISTRATION` : ''}${requeued ? '; queued again' : ''}`,
      fields: { code: 'PIPELINE_RUN_CRASHED', requeued, attempt: run.attempt, abandonedVersions: abandoned },
    });
  }
  return crashed;
}

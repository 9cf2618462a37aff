import type { PipelineRun } from '../ports/pipeline-run-store.js';
import type { PipelineDeps } from './pipeline-deps.js';

/**
 * Marks Crashed the runs whose worker stopped heart-beating, logs it on each run, and hands their
 * jobs back to the queue (when there is one and it holds them) so that a live worker resumes them
 * from the step that was running.
 *
 * @example
 * const crashed = await detectCrashedRuns(deps); // run by every worker, every heartbeat
 */
export async function detectCrashedRuns(deps: PipelineDeps): Promise<PipelineRun[]> {
  const crashed = await deps.store.markCrashed(deps.now() - deps.timing.crashAfterMs);
  for (const run of crashed) {
    const requeued = deps.queue ? await deps.queue.requeue(run.id) : false;
    await deps.store.appendLog(run.id, {
      time: deps.now(),
      step: run.failedStep ?? '',
      level: 'error',
      message: `crashed: ${run.error?.message ?? 'its worker stopped heart-beating'}${requeued ? '; queued again' : ''}`,
      fields: { code: 'PIPELINE_RUN_CRASHED', requeued, attempt: run.attempt },
    });
  }
  return crashed;
}

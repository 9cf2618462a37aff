import { AmlopsError } from '../core/errors/index.js';
import { executePipelineRun } from './execute-pipeline-run.js';
import type { PipelineDeps } from './pipeline-deps.js';
import type { StartedRun } from './start-pipeline-run.js';

/**
 * Restarts a run that ended Failed, TimedOut, Cancelled or Crashed from the step at which it
 * stopped: the steps completed before it are not run again, their recorded outputs are reused.
 * Executes here, or with `queue` enqueues it for a worker. PIPELINE_RUN_NOT_RETRIABLE otherwise.
 *
 * @example
 * const { run } = await retryPipelineRun(deps, failed.id); // run.attempt === failed.attempt + 1
 */
export async function retryPipelineRun(
  deps: PipelineDeps,
  runId: string,
  options: { queue?: boolean; signal?: AbortSignal } = {},
): Promise<StartedRun> {
  const current = await deps.store.getRun(runId);
  deps.flows.get(current.flow);
  if (options.queue && !deps.queue)
    throw new AmlopsError(
      'QUEUE_UNAVAILABLE',
      'queued retries need the PostgreSQL store (DATABASE_URL=postgres://…)',
    );
  const reopened = await deps.store.reopenRun(runId, Boolean(options.queue));
  if (options.queue) {
    await deps.queue!.enqueue({ runId, flow: reopened.flow });
    return { run: reopened };
  }
  const executed = await executePipelineRun(deps, runId, options.signal ? { signal: options.signal } : {});
  return executed ?? { run: await deps.store.getRun(runId) };
}

import type { PipelineRun } from '../ports/pipeline-run-store.js';
import type { PipelineDeps } from './pipeline-deps.js';

/**
 * Cancels a run: one not yet taken is Cancelled at once; one running in this process is aborted
 * (its current step gets the abort signal); one running on a worker is flagged, and the worker
 * aborts it at its next heartbeat. A run that already ended is left as it is.
 *
 * @example
 * const run = await cancelPipelineRun(deps, id); // run.cancelRequested === true
 */
export async function cancelPipelineRun(deps: PipelineDeps, runId: string): Promise<PipelineRun> {
  const run = await deps.store.requestCancel(runId);
  deps.running.get(runId)?.abort();
  return run;
}

import { AmlopsError } from '../core/errors/index.js';
import type { PipelineRun } from '../ports/pipeline-run-store.js';
import { type ExecutedRun, executePipelineRun } from './execute-pipeline-run.js';
import type { PipelineDeps } from './pipeline-deps.js';

/** A started run: executed here (`result` set), or queued for a worker. */
export interface StartedRun {
  readonly run: PipelineRun;
  readonly result?: ExecutedRun['result'];
}

/**
 * Starts a run of the flow `flowName`: records it, then executes it in this process, or with
 * `queue` enqueues it for a worker (QUEUE_UNAVAILABLE when there is no queue). The parameters are
 * checked by the flow before anything is recorded.
 *
 * @example
 * const { run, result } = await startPipelineRun(deps, 'train', { preset: 'original' });
 * const { run: queued } = await startPipelineRun(deps, 'train', {}, { queue: true }); // state 'Scheduled'
 */
export async function startPipelineRun(
  deps: PipelineDeps,
  flowName: string,
  params: Readonly<Record<string, unknown>> = {},
  options: { queue?: boolean; signal?: AbortSignal } = {},
): Promise<StartedRun> {
  const flow = deps.flows.get(flowName);
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    throw new AmlopsError('PIPELINE_PARAMS_INVALID', 'pipeline parameters must be a JSON object');
  flow.checkParams?.(params);
  if (options.queue) {
    if (!deps.queue)
      throw new AmlopsError(
        'QUEUE_UNAVAILABLE',
        'queued runs need the PostgreSQL store (DATABASE_URL=postgres://…) and `amlops worker`; without --queue the run executes in this process',
      );
    const run = await deps.store.createRun({ flow: flow.name, params, state: 'Scheduled' });
    await deps.queue.enqueue({ runId: run.id, flow: run.flow });
    return { run };
  }
  const created = await deps.store.createRun({ flow: flow.name, params });
  const executed = await executePipelineRun(
    deps,
    created.id,
    options.signal ? { signal: options.signal } : {},
  );
  return executed ?? { run: await deps.store.getRun(created.id) };
}

import { isAmlopsError } from '../core/errors/index.js';
import type { PipelineRun } from '../ports/pipeline-run-store.js';
import type { FlowStep } from './flow-step.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { type FlowResult, runFlow } from './run-flow.js';
import { StoreFlowRecorder } from './store-flow-recorder.js';

/** A run this process executed: its record at the end and what the flow returned. */
export interface ExecutedRun {
  readonly run: PipelineRun;
  readonly result: FlowResult;
}

/**
 * Takes the run (when no live process holds it) and executes its flow here: steps already
 * Completed by an earlier attempt are skipped and their recorded outputs reused; a heartbeat keeps
 * the run ours and reads the cancel flag; the run is recorded step by step. Null when the run was
 * not ours to take (ended, cancelled, held by a live worker).
 *
 * @example
 * const executed = await executePipelineRun(deps, run.id);
 * executed?.run.state; // 'Completed'
 */
export async function executePipelineRun(
  deps: PipelineDeps,
  runId: string,
  options: { signal?: AbortSignal } = {},
): Promise<ExecutedRun | null> {
  const { store, timing } = deps;
  const run = await store.claimRun(runId, deps.worker, deps.now() - timing.crashAfterMs);
  if (!run) return null;
  const fence = { attempt: run.attempt };
  const recorder = new StoreFlowRecorder(store, run.id, fence, {
    now: deps.now,
    onLogError: (error) =>
      deps.warn(`pipeline run ${run.id}: a log line was lost: ${(error as Error)?.message}`),
  });
  const controller = new AbortController();
  const abort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', abort);
  if (options.signal?.aborted) abort();
  deps.running.set(run.id, controller);
  const beat = setInterval(() => {
    store.heartbeat(run.id, fence).then(
      ({ owned, cancelRequested }) => {
        if (!owned || cancelRequested) controller.abort();
      },
      (error: unknown) => deps.warn(`pipeline run ${run.id}: heartbeat failed: ${(error as Error)?.message}`),
    );
  }, timing.heartbeatMs);
  beat.unref?.();
  try {
    await recorder.log('', 'info', `attempt ${run.attempt} on ${deps.worker}`);
    let steps: readonly FlowStep[];
    try {
      const flow = deps.flows.get(run.flow);
      steps = flow.steps(run.params, {
        runId: run.id,
        linkTrackingRun: (trackingRunId) => store.linkTrackingRun(run.id, trackingRunId),
      });
    } catch (error) {
      const described = isAmlopsError(error)
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: (error as Error)?.message ?? String(error) };
      await recorder.log('', 'error', described.message, { code: described.code });
      await recorder.runState('Failed', described);
      return { run: await store.getRun(run.id), result: { state: 'Failed', outputs: {}, error: described } };
    }
    const completed = Object.fromEntries(
      (await store.listSteps(run.id)).filter((s) => s.state === 'Completed').map((s) => [s.name, s.output]),
    );
    const result = await runFlow(steps, { recorder, completed, signal: controller.signal, now: deps.now });
    return { run: await store.getRun(run.id), result };
  } finally {
    clearInterval(beat);
    options.signal?.removeEventListener('abort', abort);
    deps.running.delete(run.id);
  }
}

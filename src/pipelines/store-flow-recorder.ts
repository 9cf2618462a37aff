import { FINAL_STATES, type PipelineState, type StepRecord } from '../core/pipeline-runs/index.js';
import type { PipelineRunStore, RunFence } from '../ports/pipeline-run-store.js';
import type { FlowRecorder } from './flow-recorder.js';

/**
 * Records a flow's progress on its pipeline run in the store, as the attempt holding `fence`
 * (so a worker that lost the run to another cannot overwrite it). Log writes never fail the flow:
 * a log line that cannot be stored is reported to `onLogError`.
 *
 * @example
 * await runFlow(steps, { recorder: new StoreFlowRecorder(store, run.id, { attempt: run.attempt }) });
 */
export class StoreFlowRecorder implements FlowRecorder {
  readonly #store: PipelineRunStore;
  readonly #runId: string;
  readonly #fence: RunFence;
  readonly #now: () => number;
  readonly #onLogError: (error: unknown) => void;
  #endedStep: string | undefined;

  constructor(
    store: PipelineRunStore,
    runId: string,
    fence: RunFence,
    options: { now?: () => number; onLogError?: (error: unknown) => void } = {},
  ) {
    this.#store = store;
    this.#runId = runId;
    this.#fence = fence;
    this.#now = options.now ?? Date.now;
    this.#onLogError = options.onLogError ?? (() => {});
  }

  async runState(state: PipelineState, error?: { code: string; message: string }): Promise<void> {
    const failed = FINAL_STATES.has(state) && state !== 'Completed';
    await this.#store.setRunState(this.#runId, this.#fence, state, {
      ...(error ? { error } : {}),
      ...(failed && this.#endedStep ? { failedStep: this.#endedStep } : {}),
    });
  }

  async step(record: StepRecord): Promise<void> {
    if (FINAL_STATES.has(record.state) && record.state !== 'Completed') this.#endedStep = record.name;
    await this.#store.recordStep(this.#runId, this.#fence, record);
  }

  async log(
    step: string,
    level: 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.#store.appendLog(this.#runId, {
        time: this.#now(),
        step,
        level,
        message,
        ...(fields ? { fields } : {}),
      });
    } catch (error) {
      this.#onLogError(error);
    }
  }
}

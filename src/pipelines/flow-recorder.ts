import type { PipelineState } from './pipeline-state.js';

/** One step's record in a pipeline run. */
export interface StepRecord {
  readonly name: string;
  readonly state: PipelineState;
  readonly attempt: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly output?: unknown;
  readonly error?: { readonly code: string; readonly message: string };
}

/** Where a flow runner reports what happens: the pipeline-run store, or a test's array. */
export interface FlowRecorder {
  runState(state: PipelineState, error?: { code: string; message: string }): Promise<void>;
  step(record: StepRecord): Promise<void>;
  log(
    step: string,
    level: 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ): Promise<void>;
}

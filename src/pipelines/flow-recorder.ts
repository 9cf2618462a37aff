import type { PipelineState, StepRecord } from '../core/pipeline-runs/index.js';

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

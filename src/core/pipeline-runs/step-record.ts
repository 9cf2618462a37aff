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

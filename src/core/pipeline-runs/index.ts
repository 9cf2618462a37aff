export { FINAL_STATES, PIPELINE_STATES, type PipelineState } from './pipeline-state.js';
export type { StepRecord } from './step-record.js';

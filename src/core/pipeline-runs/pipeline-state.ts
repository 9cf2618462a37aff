/**
 * States of a pipeline run and of each of its steps (Prefect's vocabulary, which the original's
 * operators know).
 */
export type PipelineState =
  | 'Scheduled'
  | 'Pending'
  | 'Running'
  | 'Retrying'
  | 'Completed'
  | 'Failed'
  | 'Cancelled'
  | 'Crashed'
  | 'TimedOut';

/** Every state, in the order a run passes through them (the final ones last). */
export const PIPELINE_STATES: readonly PipelineState[] = [
  'Scheduled',
  'Pending',
  'Running',
  'Retrying',
  'Completed',
  'Failed',
  'Cancelled',
  'Crashed',
  'TimedOut',
];

/** States after which nothing more happens to a run or step. */
export const FINAL_STATES: ReadonlySet<PipelineState> = new Set([
  'Completed',
  'Failed',
  'Cancelled',
  'Crashed',
  'TimedOut',
]);

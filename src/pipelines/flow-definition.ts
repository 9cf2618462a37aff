import type { FlowStep } from './flow-step.js';

/** What a flow's steps may know of the run they belong to. */
export interface FlowRunHandle {
  readonly runId: string;
  /** Records the tracking (MLflow) run the flow logs to on the pipeline run. */
  linkTrackingRun(trackingRunId: string): Promise<void>;
}

/**
 * A flow that can be run by name (`amlops pipelines run NAME`): how to check its parameters and
 * build its steps. Parameters are JSON, so that a queued run can be built again on any worker.
 */
export interface FlowDefinition {
  readonly name: string;
  readonly description: string;
  /** Throws an AmlopsError (PIPELINE_PARAMS_INVALID…) for parameters the flow cannot run with. */
  checkParams?(params: Readonly<Record<string, unknown>>): void;
  steps(params: Readonly<Record<string, unknown>>, run: FlowRunHandle): readonly FlowStep[];
}

import type { TrainFlowDeps } from './train-flow-deps.js';

/** The training flow's dependencies, opened from the configuration, and how to close them. */
export interface OpenTrainFlowDeps {
  readonly deps: TrainFlowDeps;
  close(): Promise<void>;
}

import type { LifecycleStage } from './lifecycle-stage.js';
import type { RunStatus } from './run-status.js';

/**
 * The identity and state of a run, without its logged data.
 *
 * @example
 * const info: RunInfo = { runId: '6f1c…', runName: 'nightly', experimentId: '1', userId: 'ci',
 *   status: 'RUNNING', startTime: 1764255600000, endTime: null,
 *   artifactUri: 'file:///srv/amlops/artifacts/1/6f1c…/artifacts', lifecycleStage: 'active' };
 */
export interface RunInfo {
  /** 32 lowercase hexadecimal characters, as MLflow's run ids. */
  readonly runId: string;
  readonly runName: string;
  readonly experimentId: string;
  readonly userId: string;
  readonly status: RunStatus;
  readonly startTime: number;
  readonly endTime: number | null;
  readonly artifactUri: string;
  readonly lifecycleStage: LifecycleStage;
}

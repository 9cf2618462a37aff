import type { Config } from '../config/index.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import type { PipelineRunStore } from '../ports/pipeline-run-store.js';
import type { FlowRegistry } from './flow-registry.js';

/** How often a running run beats, and after how long without a beat its worker is presumed dead. */
export interface HeartbeatTiming {
  readonly heartbeatMs: number;
  readonly crashAfterMs: number;
}

/**
 * The heartbeat timing the configuration sets (`pipelines.heartbeatSeconds`,
 * `pipelines.crashAfterSeconds`), in milliseconds.
 *
 * @example
 * const timing = heartbeatTimingOf(config); // { heartbeatMs: 5000, crashAfterMs: 60000 }
 */
export function heartbeatTimingOf(
  config: Pick<Config, 'pipelines.heartbeatSeconds' | 'pipelines.crashAfterSeconds'>,
): HeartbeatTiming {
  return {
    heartbeatMs: config['pipelines.heartbeatSeconds'] * 1000,
    crashAfterMs: config['pipelines.crashAfterSeconds'] * 1000,
  };
}

/**
 * What the pipeline services need: the store, the flows, the queue (absent: no `--queue`), who
 * this process is, a clock, and the runs this process is executing (so that it can cancel them).
 */
export interface PipelineDeps {
  readonly store: PipelineRunStore;
  readonly flows: FlowRegistry;
  readonly queue?: JobQueue;
  /** Where a crashed run's unfinished registration is marked failed (absent: left pending). */
  readonly registry?: Pick<ModelRegistry, 'failPendingVersionsOfRun'>;
  /** `host:pid`, recorded on the runs this process takes. */
  readonly worker: string;
  readonly now: () => number;
  readonly timing: HeartbeatTiming;
  /** Runs executing in this process, by id. */
  readonly running: Map<string, AbortController>;
  /** Where failures that must not stop a run (a lost log line, a failed beat) are reported. */
  readonly warn: (message: string) => void;
}

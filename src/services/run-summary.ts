import type { LifecycleStage, Run, RunStatus } from '../core/tracking/index.js';

/**
 * A run flattened for people and the web UI: its identity and state, and its latest metrics,
 * params and tags as objects keyed by name.
 *
 * @example
 * const summary = runSummary(await tracking.getRun(id));
 * summary.metrics.test_roc_auc; // 0.91
 */
export interface RunSummary {
  readonly runId: string;
  readonly runName: string;
  readonly experimentId: string;
  readonly userId: string;
  readonly status: RunStatus;
  readonly lifecycleStage: LifecycleStage;
  readonly startTime: number;
  readonly endTime: number | null;
  readonly artifactUri: string;
  /** The latest value of each metric. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly params: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The summary of a run as the store returns it.
 *
 * @example
 * const rows = (await tracking.searchRuns({ experimentIds: ['1'] })).items.map(runSummary);
 */
export function runSummary(run: Run): RunSummary {
  const { info, data } = run;
  return {
    runId: info.runId,
    runName: info.runName,
    experimentId: info.experimentId,
    userId: info.userId,
    status: info.status,
    lifecycleStage: info.lifecycleStage,
    startTime: info.startTime,
    endTime: info.endTime,
    artifactUri: info.artifactUri,
    metrics: Object.fromEntries(data.metrics.map((m) => [m.key, m.value])),
    params: Object.fromEntries(data.params.map((p) => [p.key, p.value])),
    tags: Object.fromEntries(data.tags.map((t) => [t.key, t.value])),
  };
}

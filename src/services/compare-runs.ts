import { AmlopsError } from '../core/errors/index.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { type RunSummary, runSummary } from './run-summary.js';

/** One param or metric across the compared runs: `values[i]` is run i's (null when it has none). */
export interface ComparedValue<T> {
  readonly key: string;
  readonly values: readonly (T | null)[];
  /** True when the runs do not all have the same value (a missing value counts as different). */
  readonly differs: boolean;
}

/** Runs side by side. */
export interface RunComparison {
  readonly runs: readonly Pick<RunSummary, 'runId' | 'runName' | 'experimentId' | 'status' | 'startTime'>[];
  /** Every param any of the runs has, by key. */
  readonly params: readonly ComparedValue<string>[];
  /** Every metric any of the runs has (its latest value), by key. */
  readonly metrics: readonly ComparedValue<number>[];
}

/** Most runs compared at once. */
export const MAX_COMPARED_RUNS = 50;

function compare<T>(keys: Set<string>, rows: readonly Readonly<Record<string, T>>[]): ComparedValue<T>[] {
  return [...keys].sort().map((key) => {
    const values = rows.map((row) => (Object.hasOwn(row, key) ? row[key]! : null));
    const first = values[0];
    const differs = values.some((v) => !Object.is(v, first));
    return { key, values, differs };
  });
}

/**
 * Several runs side by side: their params and latest metrics as rows of values, one per run, with
 * the rows where the runs differ marked. Between 2 and {@link MAX_COMPARED_RUNS} distinct runs.
 *
 * @example
 * const { params } = await compareRuns(tracking, [a, b]);
 * params.filter((p) => p.differs).map((p) => p.key); // ['max_depth']
 */
export async function compareRuns(
  tracking: TrackingStore,
  runIds: readonly string[],
): Promise<RunComparison> {
  const ids = [...new Set(runIds)];
  if (ids.length < 2 || ids.length > MAX_COMPARED_RUNS)
    throw new AmlopsError(
      'USAGE',
      `compare between 2 and ${MAX_COMPARED_RUNS} distinct runs; got ${ids.length}`,
      { runs: ids.length },
    );
  const runs = (await Promise.all(ids.map((id) => tracking.getRun(id)))).map(runSummary);
  const paramKeys = new Set(runs.flatMap((r) => Object.keys(r.params)));
  const metricKeys = new Set(runs.flatMap((r) => Object.keys(r.metrics)));
  return {
    runs: runs.map(({ runId, runName, experimentId, status, startTime }) => ({
      runId,
      runName,
      experimentId,
      status,
      startTime,
    })),
    params: compare(
      paramKeys,
      runs.map((r) => r.params),
    ),
    metrics: compare(
      metricKeys,
      runs.map((r) => r.metrics),
    ),
  };
}

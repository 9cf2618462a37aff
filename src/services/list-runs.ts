import { parseOrderBy, parseSearchFilter, RUN_SEARCH_SCHEMA, type ViewType } from '../core/tracking/index.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { findExperiment } from './find-experiment.js';
import { listExperiments } from './list-experiments.js';
import { type RunSummary, runSummary } from './run-summary.js';

/** Which runs {@link listRuns} returns, and in which order. */
export interface ListRunsInput {
  /** Experiments by id or name; every active experiment when empty or absent. */
  readonly experiments?: readonly string[];
  /** MLflow filter syntax: `metrics.test_roc_auc > 0.89 and params.max_depth = '4'`. */
  readonly filter?: string;
  /** MLflow order_by clauses (`metrics.test_roc_auc DESC`); newest first by default. */
  readonly orderBy?: readonly string[];
  readonly view?: ViewType;
  /** 1..50000; 100 by default. */
  readonly maxResults?: number;
  readonly pageToken?: string;
}

/** A page of runs. */
export interface RunList {
  readonly runs: readonly RunSummary[];
  readonly nextPageToken?: string;
}

/**
 * Searches runs of some experiments with MLflow's filter and order syntax (parsed here, so that a
 * bad filter is USAGE naming the problem, and never reaches SQL as text).
 *
 * @example
 * const { runs } = await listRuns(tracking, { experiments: ['consumers-laundering-model'], orderBy: ['metrics.test_roc_auc DESC'] });
 */
export async function listRuns(tracking: TrackingStore, input: ListRunsInput = {}): Promise<RunList> {
  const filter = parseSearchFilter(input.filter, RUN_SEARCH_SCHEMA);
  const orderBy = parseOrderBy(input.orderBy, RUN_SEARCH_SCHEMA);
  const experimentIds =
    input.experiments && input.experiments.length > 0
      ? await Promise.all(
          input.experiments.map(async (ref) => (await findExperiment(tracking, ref)).experimentId),
        )
      : (await listExperiments(tracking)).map((e) => e.experimentId);
  if (experimentIds.length === 0) return { runs: [] };
  const page = await tracking.searchRuns({
    experimentIds,
    filter,
    orderBy,
    viewType: input.view ?? 'ACTIVE_ONLY',
    maxResults: input.maxResults ?? 100,
    ...(input.pageToken ? { pageToken: input.pageToken } : {}),
  });
  return {
    runs: page.items.map(runSummary),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
  };
}

import {
  EXPERIMENT_SEARCH_SCHEMA,
  type Experiment,
  parseOrderBy,
  parseSearchFilter,
  type ViewType,
} from '../core/tracking/index.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { collectPages } from './collect-pages.js';

/** Which experiments {@link listExperiments} returns. */
export interface ListExperimentsInput {
  /** Active ones by default. */
  readonly view?: ViewType;
  /** MLflow filter syntax: `name LIKE 'consumers%'`, `tags.team = 'risk'`. */
  readonly filter?: string;
  /** MLflow order_by clauses; by default newest first. */
  readonly orderBy?: readonly string[];
}

/**
 * The experiments of the store matching a filter, every page of them.
 *
 * @example
 * const experiments = await listExperiments(tracking, { view: 'ALL' });
 */
export async function listExperiments(
  tracking: TrackingStore,
  input: ListExperimentsInput = {},
): Promise<Experiment[]> {
  const filter = parseSearchFilter(input.filter, EXPERIMENT_SEARCH_SCHEMA);
  const orderBy = parseOrderBy(input.orderBy ?? ['creation_time DESC'], EXPERIMENT_SEARCH_SCHEMA);
  return collectPages((pageToken) =>
    tracking.searchExperiments({
      filter,
      orderBy,
      viewType: input.view ?? 'ACTIVE_ONLY',
      maxResults: 1000,
      ...(pageToken ? { pageToken } : {}),
    }),
  );
}

import type { FilterEntity } from './search-filter.js';

/**
 * One ordering key of a search: `metrics.roc_auc DESC`. Runs without the metric sort last.
 *
 * @example
 * const order: OrderBy = { entity: 'metric', key: 'roc_auc', ascending: false };
 */
export interface OrderBy {
  readonly entity: FilterEntity;
  readonly key: string;
  readonly ascending: boolean;
}

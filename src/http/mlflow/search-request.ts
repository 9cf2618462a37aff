import {
  type OrderBy,
  parseOrderBy,
  parseSearchFilter,
  type SearchFilter,
  type SearchSchema,
  validateMaxResults,
} from '../../core/tracking/index.js';
import type { RequestParams } from './request-params.js';

/** The common arguments of MLflow's search endpoints, parsed. */
export interface SearchRequest {
  readonly filter: SearchFilter;
  readonly orderBy: OrderBy[];
  readonly maxResults: number;
  readonly pageToken?: string;
}

/** MLflow's page-size rule of one search endpoint, and the most the store returns at once. */
export interface PageSizeRule {
  readonly defaultMaxResults: number;
  /** Larger `max_results` are refused with 400, as MLflow does. */
  readonly maxResultsThreshold: number;
  /** Larger accepted values are served in pages of this size (the client follows `next_page_token`). */
  readonly storePageLimit: number;
}

/**
 * Reads `filter`, `order_by` (repeated), `max_results` and `page_token`, parsing the filter and the
 * ordering with the entity's schema: nothing of the text reaches SQL, and anything the grammar does
 * not know (OR, `;`, sub-queries, unknown attributes) is refused with 400 INVALID_PARAMETER_VALUE.
 *
 * @example
 * const search = readSearchRequest(params, RUN_SEARCH_SCHEMA, { defaultMaxResults: 1000, maxResultsThreshold: 50000, storePageLimit: 50000 });
 */
export function readSearchRequest(
  params: RequestParams,
  schema: SearchSchema,
  pageSize: PageSizeRule,
): SearchRequest {
  const maxResults = params.optionalInteger('max_results') ?? pageSize.defaultMaxResults;
  validateMaxResults(maxResults, pageSize.maxResultsThreshold);
  const pageToken = params.optionalString('page_token');
  return {
    filter: parseSearchFilter(params.optionalString('filter'), schema),
    orderBy: parseOrderBy(params.stringList('order_by'), schema),
    maxResults: Math.min(maxResults, pageSize.storePageLimit),
    ...(pageToken ? { pageToken } : {}),
  };
}

/**
 * One page of a search and the token of the next page, absent on the last page.
 *
 * @example
 * let page = await store.searchRuns({ experimentIds: ['1'], maxResults: 100 });
 * while (page.nextPageToken) page = await store.searchRuns({ experimentIds: ['1'], pageToken: page.nextPageToken });
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken?: string;
}

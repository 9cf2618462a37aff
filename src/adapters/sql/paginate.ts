import { encodePageToken } from '../../core/tracking/index.js';
import type { Page } from '../../ports/page.js';

/**
 * Turns rows fetched with `limit maxResults + 1` into a page and the token of the next one.
 *
 * @example
 * const page = paginate(rows, 0, 100); // page.nextPageToken is set when rows.length > 100
 */
export function paginate<T>(rows: readonly T[], offset: number, maxResults: number): Page<T> {
  if (rows.length <= maxResults) return { items: rows };
  return { items: rows.slice(0, maxResults), nextPageToken: encodePageToken(offset + maxResults) };
}

import type { Page } from '../ports/page.js';

/**
 * Every item of a paged search, following `nextPageToken` until the last page, stopping at `limit`
 * items (so that a huge store cannot exhaust memory through a listing).
 *
 * @example
 * const versions = await collectPages((pageToken) => registry.searchModelVersions({ filter, pageToken }));
 */
export async function collectPages<T>(
  search: (pageToken: string | undefined) => Promise<Page<T>>,
  limit = 100_000,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await search(token);
    items.push(...page.items);
    token = page.nextPageToken;
  } while (token !== undefined && items.length < limit);
  return items.slice(0, limit);
}

import { AmlopsError } from '../errors/index.js';

/**
 * Encodes the offset of the next page as an opaque token (base64 JSON, as MLflow's).
 *
 * @example
 * decodePageToken(encodePageToken(100)); // 100
 */
export function encodePageToken(offset: number): string {
  return btoa(JSON.stringify({ offset }));
}

/**
 * The offset a page token stands for; 0 for no token. A token that was not made by
 * `encodePageToken` is refused with USAGE.
 *
 * @example
 * decodePageToken(undefined); // 0
 */
export function decodePageToken(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  try {
    const parsed: unknown = JSON.parse(atob(token));
    const offset = (parsed as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw new AmlopsError('USAGE', 'invalid page_token');
}

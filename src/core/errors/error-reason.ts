import { redactUrlsInText } from '../secrets/redact-urls-in-text.js';

/**
 * Why a driver or SDK call failed, in its own words (`connect ECONNREFUSED 127.0.0.1:5432`,
 * `password authentication failed for user "amlops"`), with any URL in them redacted. An error
 * with no message (Node's AggregateError of a host with several addresses) gives those of its
 * errors, else its code or name.
 *
 * @example
 * errorReason(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' }));
 * // 'connect ECONNREFUSED 127.0.0.1:5999'
 */
export function errorReason(error: unknown): string {
  const e = error as { message?: unknown; errors?: unknown; code?: unknown; name?: unknown } | null;
  let reason = typeof e?.message === 'string' ? e.message : '';
  if (reason === '' && Array.isArray(e?.errors))
    reason = [...new Set(e.errors.map((inner) => errorReason(inner)))].join('; ');
  if (reason === '' && typeof e?.code === 'string') reason = e.code;
  if (reason === '' && typeof e?.name === 'string') reason = e.name;
  return redactUrlsInText(reason || String(error));
}

import { AmlopsError } from '../errors/index.js';
import { TRACKING_LIMITS } from './tracking-limits.js';

// MLflow's key rule: alphanumerics, underscores, dashes, periods, spaces and slashes.
const KEY_PATTERN = /^[/\w.\- ]+$/;
const ALIAS_PATTERN = /^[\w-]+$/;

function invalid(message: string): never {
  throw new AmlopsError('USAGE', message);
}

/**
 * Refuses a param, metric or tag key MLflow would refuse: empty, too long, characters outside
 * `[A-Za-z0-9_.\- /]`, or path-like tricks (`..` components, a leading `/`).
 *
 * @example
 * validateKey('metric', 'roc_auc'); // ok
 * validateKey('param', '../x'); // throws AmlopsError USAGE
 */
export function validateKey(kind: 'metric' | 'param' | 'tag', key: string): void {
  if (typeof key !== 'string' || key.length === 0) invalid(`${kind} key must be a non-empty string`);
  if (key.length > TRACKING_LIMITS.maxKeyLength)
    invalid(`${kind} key '${key.slice(0, 40)}…' is longer than ${TRACKING_LIMITS.maxKeyLength} characters`);
  if (!KEY_PATTERN.test(key))
    invalid(
      `invalid ${kind} key '${key}': keys may contain only alphanumerics, underscores, dashes, periods, spaces and slashes`,
    );
  if (key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '.'))
    invalid(`invalid ${kind} key '${key}': keys may not be absolute or contain '.' or '..' components`);
}

/**
 * Refuses a value longer than `limit` characters.
 *
 * @example
 * validateValueLength('param', 'max_depth', '4', TRACKING_LIMITS.maxParamValueLength);
 */
export function validateValueLength(kind: string, key: string, value: string, limit: number): void {
  if (typeof value !== 'string') invalid(`${kind} '${key}' must have a string value`);
  if (value.length > limit)
    invalid(`${kind} '${key}' has a value of ${value.length} characters; the limit is ${limit}`);
}

/**
 * Refuses an experiment or registered-model name that is empty, too long or has control characters.
 *
 * @example
 * validateEntityName('experiment', 'consumers-laundering-model');
 */
export function validateEntityName(kind: string, name: string): void {
  if (typeof name !== 'string' || name.trim().length === 0)
    invalid(`${kind} name must be a non-empty string`);
  if (name.length > TRACKING_LIMITS.maxEntityNameLength)
    invalid(`${kind} name is longer than ${TRACKING_LIMITS.maxEntityNameLength} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) invalid(`${kind} name may not contain control characters`);
}

/**
 * Refuses an alias MLflow would refuse: characters outside `[A-Za-z0-9_-]`, `latest` (reserved) or
 * `v<digits>` (would shadow a version).
 *
 * @example
 * validateAlias('production'); // ok
 * validateAlias('v3'); // throws
 */
export function validateAlias(alias: string): void {
  if (typeof alias !== 'string' || alias.length === 0) invalid('alias must be a non-empty string');
  if (alias.length > TRACKING_LIMITS.maxAliasLength)
    invalid(`alias is longer than ${TRACKING_LIMITS.maxAliasLength} characters`);
  if (!ALIAS_PATTERN.test(alias))
    invalid(`invalid alias '${alias}': aliases may contain only alphanumerics, underscores and dashes`);
  if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias))
    invalid(`alias '${alias}' is reserved ('latest' and 'v<number>' name versions)`);
}

/**
 * Refuses a metric that is not a number, or whose timestamp or step is not an integer.
 *
 * @example
 * validateMetricValues('roc_auc', 0.91, 1764255600000, 0);
 */
export function validateMetricValues(key: string, value: number, timestamp: number, step: number): void {
  if (typeof value !== 'number') invalid(`metric '${key}' must have a numeric value`);
  if (!Number.isSafeInteger(timestamp)) invalid(`metric '${key}' must have an integer timestamp`);
  if (!Number.isSafeInteger(step)) invalid(`metric '${key}' must have an integer step`);
}

/**
 * Refuses a `max_results` outside 1..limit.
 *
 * @example
 * validateMaxResults(100, TRACKING_LIMITS.maxResultsSearchRuns);
 */
export function validateMaxResults(maxResults: number, limit: number): void {
  if (!Number.isSafeInteger(maxResults) || maxResults < 1 || maxResults > limit)
    invalid(`max_results must be an integer between 1 and ${limit}; got ${maxResults}`);
}

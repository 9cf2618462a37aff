import { REDACTED, redactUrl } from '../core/secrets/index.js';
import type { SettingSpec } from './setting-spec.js';
import { type Config, SETTINGS, type SettingKey } from './settings.js';

const SCHEME_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A setting's value as it may be printed. A secret URL keeps its scheme, user, host, port and
 * database but not its password or secret parameters (only scheme and host for a `secretPath`
 * one, such as a webhook); any other secret is `***`. A URL in any other setting (an S3 endpoint
 * with `user:pass@`) loses its credentials too.
 *
 * @example
 * redactValue('store.databaseUrl', 'postgres://u:pw@db/amlops?sslpassword=x');
 * // 'postgres://u:***@db/amlops?sslpassword=***'
 */
export function redactValue(key: SettingKey, value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  const spec: SettingSpec = SETTINGS[key];
  if (!spec.secret) return redactUrl(value);
  if (!SCHEME_URL.test(value)) return REDACTED;
  if (spec.secretPath) {
    const origin = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^/?#]*@)?([^/?#]*)/i.exec(value)!;
    return `${origin[1]}${origin[2]}${value.length > origin[0].length ? `/${REDACTED}` : ''}`;
  }
  return redactUrl(value);
}

/** The configuration as nested JSON (the shape of `amlops.config.json`), secrets redacted. */
export function configToNestedJson(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(config) as SettingKey[]) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = redactValue(key, config[key]);
  }
  return out;
}

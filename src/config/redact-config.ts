import { type Config, SETTINGS, type SettingKey } from './settings.js';

/** Hides credentials: a secret URL keeps its scheme, host and database but not its password. */
export function redactValue(key: SettingKey, value: unknown): unknown {
  if (!(SETTINGS[key] as { secret?: boolean }).secret || value === '' || typeof value !== 'string')
    return value;
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '***';
  }
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

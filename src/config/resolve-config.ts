import { AmlopsError } from '../core/errors/index.js';
import { parseSetting, type SettingSource } from './parse-setting.js';
import { REMOVED_SETTINGS } from './removed-settings.js';
import { type Config, SETTINGS, type SettingKey } from './settings.js';

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** The effective configuration and where each value came from. */
export interface ResolvedConfig {
  readonly config: Config;
  readonly sources: Readonly<Record<SettingKey, SettingSource>>;
  /** Path of the configuration file read, if any. */
  readonly file?: string;
}

export interface ConfigInputs {
  /** The parsed configuration file: nested objects (`{"split": {"testSize": 0.2}}`) or dotted keys. */
  readonly file?: unknown;
  readonly filePath?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Values from command-line flags, by setting key; `undefined` means not given. */
  readonly flags?: Readonly<Partial<Record<SettingKey, unknown>>>;
}

function isKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** Flattens `{"split": {"testSize": 0.2}}` into `{"split.testSize": 0.2}`, refusing unknown keys. */
function flattenFile(file: unknown, filePath: string): Map<SettingKey, unknown> {
  const out = new Map<SettingKey, unknown>();
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new AmlopsError('CONFIG_FILE_UNREADABLE', `configuration file ${filePath} must hold a JSON object`);
  }
  const walk = (value: unknown, prefix: string): void => {
    if (isKey(prefix)) {
      out.set(prefix, value);
      return;
    }
    const isGroup =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      SETTING_KEYS.some((k) => prefix === '' || k.startsWith(`${prefix}.`));
    if (!isGroup && REMOVED_SETTINGS[prefix])
      throw new AmlopsError(
        'CONFIG_UNKNOWN_SETTING',
        `setting "${prefix}" in ${filePath} was removed: ${REMOVED_SETTINGS[prefix]}; delete it from the file (see docs/configuration.md)`,
        { setting: prefix, file: filePath },
      );
    if (!isGroup) {
      const near = SETTING_KEYS.filter((k) => k.split('.').pop() === prefix.split('.').pop());
      throw new AmlopsError(
        'CONFIG_UNKNOWN_SETTING',
        `unknown setting "${prefix}" in ${filePath}${near.length ? `; did you mean ${near.join(' or ')}?` : ''}; see docs/configuration.md`,
        { setting: prefix, file: filePath },
      );
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(file, '');
  return out;
}

/**
 * Merges defaults < file < environment < flags into one validated configuration.
 * Pure: the caller reads the file and passes the environment.
 *
 * @example
 * resolveConfig({ env: { AMLOPS_SPLIT_TEST_SIZE: '0.2' } }).config['split.testSize']; // 0.2
 */
export function resolveConfig(inputs: ConfigInputs = {}): ResolvedConfig {
  const values: Record<string, unknown> = {};
  const sources = {} as Record<SettingKey, SettingSource>;
  const fileValues =
    inputs.file === undefined ? new Map() : flattenFile(inputs.file, inputs.filePath ?? 'config');
  for (const key of SETTING_KEYS) {
    let value: unknown = SETTINGS[key].default;
    let source: SettingSource = 'default';
    if (fileValues.has(key)) {
      source = 'file';
      value = parseSetting(key, fileValues.get(key), source);
    }
    const envValue = inputs.env?.[SETTINGS[key].env];
    if (envValue !== undefined && envValue !== '') {
      source = 'env';
      value = parseSetting(key, envValue, source);
    }
    const flagValue = inputs.flags?.[key];
    if (flagValue !== undefined) {
      source = 'flag';
      value = parseSetting(key, flagValue, source);
    }
    values[key] = value;
    sources[key] = source;
  }
  return { config: values as Config, sources, ...(inputs.filePath ? { file: inputs.filePath } : {}) };
}

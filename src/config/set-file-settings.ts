import type { SettingKey } from './settings.js';

/**
 * A configuration file's JSON with some settings set, in the nested shape (`{"data":
 * {"targetColumn": "is_sar"}}`), everything else kept as it was. A setting the file spelt as a
 * dotted key (`"data.targetColumn"`) is moved into the nested shape, so that it is set once.
 * Pure: the caller reads and writes the file.
 *
 * @example
 * setFileSettings({ split: { testSize: 0.2 } }, { 'data.targetColumn': 'is_sar' });
 * // { split: { testSize: 0.2 }, data: { targetColumn: 'is_sar' } }
 */
export function setFileSettings(
  file: Readonly<Record<string, unknown>>,
  values: Partial<Record<SettingKey, unknown>>,
): Record<string, unknown> {
  const out = structuredClone(file) as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    delete out[key];
    const path = key.split('.');
    let group = out;
    for (const part of path.slice(0, -1)) {
      const next = group[part];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) group[part] = {};
      group = group[part] as Record<string, unknown>;
    }
    group[path.at(-1)!] = value;
  }
  return out;
}

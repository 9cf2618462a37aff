import { AmlopsError } from '../errors/index.js';
import { DEFAULT_PRESET } from './default-preset.js';
import { ORIGINAL_PRESET } from './original-preset.js';
import type { SearchPreset } from './search-preset.js';

/** The presets by name. */
export const SEARCH_PRESETS: Readonly<Record<string, SearchPreset>> = {
  default: DEFAULT_PRESET,
  original: ORIGINAL_PRESET,
};

/**
 * The preset called `name`; an unknown name is a `USAGE` error listing the known ones.
 *
 * @example
 * searchPreset('original').folds; // 5
 */
export function searchPreset(name: string): SearchPreset {
  const preset = Object.hasOwn(SEARCH_PRESETS, name) ? SEARCH_PRESETS[name] : undefined;
  if (!preset)
    throw new AmlopsError(
      'USAGE',
      `unknown search preset '${name}'; known presets: ${Object.keys(SEARCH_PRESETS).join(', ')}`,
      { preset: name },
    );
  return preset;
}

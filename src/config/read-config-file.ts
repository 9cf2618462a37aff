import { readFileSync } from 'node:fs';
import { AmlopsError } from '../core/errors/index.js';

/**
 * The parsed JSON of a configuration file; CONFIG_FILE_UNREADABLE when it cannot be read or is
 * not JSON, naming the path.
 *
 * @example
 * const file = readConfigFile('/srv/amlops/amlops.config.json'); // { split: { testSize: 0.2 } }
 */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AmlopsError('CONFIG_FILE_UNREADABLE', `cannot read configuration file ${path}`, undefined, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AmlopsError(
      'CONFIG_FILE_UNREADABLE',
      `configuration file ${path} is not valid JSON: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
}

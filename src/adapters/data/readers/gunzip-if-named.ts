import { gunzipSync } from 'node:zlib';
import { AmlopsError } from '../../../core/errors/index.js';

/**
 * The bytes of a file, gunzipped when its name ends in `.gz`; a corrupt gzip stream is
 * DATA_PARSE_FAILED naming the file.
 *
 * @example
 * const bytes = gunzipIfNamed(await readFile('cases.csv.gz'), 'cases.csv.gz');
 */
export function gunzipIfNamed(bytes: Buffer, name: string): Buffer {
  if (!name.toLowerCase().endsWith('.gz')) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new AmlopsError(
      'DATA_PARSE_FAILED',
      `${name}: not a valid gzip file (${(error as Error).message})`,
      { file: name },
      { cause: error },
    );
  }
}

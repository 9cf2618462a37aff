import { readFile, stat } from 'node:fs/promises';
import { AmlopsError } from '../../../core/errors/index.js';
import { gunzipIfNamed } from './gunzip-if-named.js';

/**
 * Reads a local file whole, gunzipping it when its name ends in `.gz`. A missing file, a
 * directory or an unreadable file is FILE_NOT_FOUND; a corrupt gzip stream is DATA_PARSE_FAILED.
 *
 * @example
 * const bytes = await readFileBytes('cases.csv.gz');
 */
export async function readFileBytes(path: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AmlopsError('FILE_NOT_FOUND', `${path} is not a file`, { file: path });
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof AmlopsError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`;
    throw new AmlopsError('FILE_NOT_FOUND', `${path} ${why}`, { file: path }, { cause: error });
  }
  return gunzipIfNamed(bytes, path);
}

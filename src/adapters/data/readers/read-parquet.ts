import type { RawTable } from '../../../core/dataset/index.js';
import { parseParquet } from './parse-parquet.js';
import { readFileBytes } from './read-file-bytes.js';

/**
 * Reads a local Parquet file into a raw table (read whole, decoded column by column by hyparquet).
 *
 * @example
 * const table = await readParquet('cases.parquet');
 */
export async function readParquet(path: string): Promise<RawTable> {
  return parseParquet(await readFileBytes(path), path);
}

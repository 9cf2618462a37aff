import type { RawTable } from '../../../core/dataset/index.js';
import { parseCsv } from './parse-csv.js';
import { readFileBytes } from './read-file-bytes.js';

/**
 * Reads a local CSV file (`.csv`, or gzipped `.csv.gz`) with a header line into a raw table. The
 * file is read whole and its cells stay as byte spans until typed (see `parseCsv`).
 *
 * @example
 * const table = await readCsv('cases.csv');
 * table.columns.map((c) => c.name); // ['total_income_dollar_amount', ...]
 */
export async function readCsv(path: string): Promise<RawTable> {
  return parseCsv(await readFileBytes(path), path);
}

import { fileURLToPath } from 'node:url';
import type { RawTable } from '../../core/dataset/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import { readCsv } from './readers/read-csv.js';
import { readJsonLines } from './readers/read-json-lines.js';
import { readParquet } from './readers/read-parquet.js';

/** Readers by file name ending, longest ending first where they overlap. */
const READERS: readonly {
  readonly endings: readonly string[];
  readonly read: (path: string) => Promise<RawTable>;
}[] = [
  { endings: ['.csv', '.csv.gz'], read: readCsv },
  { endings: ['.parquet', '.parq'], read: readParquet },
  { endings: ['.jsonl', '.ndjson', '.jsonl.gz', '.ndjson.gz'], read: readJsonLines },
];

/** File name endings `readTable` reads, for messages and help. */
export const READABLE_ENDINGS = READERS.flatMap((r) => r.endings);

/**
 * Reads a table from a local path or `file:` URL, choosing the format by the name's ending:
 * `.csv` (`.csv.gz`), `.parquet`, `.jsonl` / `.ndjson` (also gzipped). Other endings are
 * DATA_FORMAT_UNSUPPORTED, a missing file FILE_NOT_FOUND, malformed content DATA_PARSE_FAILED.
 * Other URL schemes (`s3://`) are refused for now: this is where their readers will plug in.
 *
 * @example
 * const table = await readTable('data/cases.csv');
 * table.rowCount; // 10000
 */
export async function readTable(source: string): Promise<RawTable> {
  const scheme = /^([a-z][a-z0-9+.-]+):\/\//i.exec(source)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'file')
    throw new AmlopsError(
      'DATA_FORMAT_UNSUPPORTED',
      `cannot read ${source}: only local files (a path or file:// URL) can be read so far`,
      { source, scheme },
    );
  const path = scheme === 'file' ? fileURLToPath(source) : source;
  const lower = path.toLowerCase();
  const reader = READERS.find((r) => r.endings.some((ending) => lower.endsWith(ending)));
  if (!reader)
    throw new AmlopsError(
      'DATA_FORMAT_UNSUPPORTED',
      `cannot read ${path}: the format is chosen by the file name's ending, one of ${READABLE_ENDINGS.join(', ')}`,
      { source, supported: READABLE_ENDINGS },
    );
  return reader.read(path);
}

import { fileURLToPath } from 'node:url';
import type { RawTable } from '../../core/dataset/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import { parseCsv } from './readers/parse-csv.js';
import { parseJsonLines } from './readers/parse-json-lines.js';
import { parseParquet } from './readers/parse-parquet.js';
import { readFileBytes } from './readers/read-file-bytes.js';
import { readS3Bytes } from './readers/read-s3-bytes.js';

/** Parsers by file name ending, longest ending first where they overlap. */
const PARSERS: readonly {
  readonly endings: readonly string[];
  readonly parse: (bytes: Buffer, source: string) => RawTable | Promise<RawTable>;
}[] = [
  { endings: ['.csv', '.csv.gz'], parse: parseCsv },
  { endings: ['.parquet', '.parq'], parse: parseParquet },
  {
    endings: ['.jsonl', '.ndjson', '.jsonl.gz', '.ndjson.gz'],
    parse: (bytes, source) => parseJsonLines(bytes.toString('utf8'), source),
  },
];

/** File name endings `readTable` reads, for messages and help. */
export const READABLE_ENDINGS = PARSERS.flatMap((r) => r.endings);

/**
 * Reads a table from a local path, a `file:` URL or an `s3://bucket/key` location, choosing the
 * format by the name's ending: `.csv` (`.csv.gz`), `.parquet`, `.jsonl` / `.ndjson` (also
 * gzipped). Other endings are DATA_FORMAT_UNSUPPORTED, other URL schemes too; a missing file or
 * object FILE_NOT_FOUND, malformed content DATA_PARSE_FAILED.
 *
 * @example
 * const table = await readTable('data/cases.csv');
 * const remote = await readTable('s3://amlops-data/cases.parquet');
 */
export async function readTable(
  source: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<RawTable> {
  const scheme = /^([a-z][a-z0-9+.-]+):\/\//i.exec(source)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'file' && scheme !== 's3')
    throw new AmlopsError(
      'DATA_FORMAT_UNSUPPORTED',
      `cannot read ${source}: data is read from a local path, a file:// URL or an s3:// location`,
      { source, scheme },
    );
  const path = scheme === 'file' ? fileURLToPath(source) : source;
  const lower = path.toLowerCase();
  const parser = PARSERS.find((r) => r.endings.some((ending) => lower.endsWith(ending)));
  if (!parser)
    throw new AmlopsError(
      'DATA_FORMAT_UNSUPPORTED',
      `cannot read ${path}: the format is chosen by the file name's ending, one of ${READABLE_ENDINGS.join(', ')}`,
      { source, supported: READABLE_ENDINGS },
    );
  const bytes = scheme === 's3' ? await readS3Bytes(source, env) : await readFileBytes(path);
  return parser.parse(bytes, source === path ? path : source);
}

/** File formats amlops writes, chosen by the file's extension. */
export type TableFormat = 'csv' | 'parquet' | 'jsonl';

const BY_EXTENSION: Readonly<Record<string, TableFormat>> = {
  '.csv': 'csv',
  '.parquet': 'parquet',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** Extensions `writeTable` understands, for messages. */
export const TABLE_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/**
 * The format of a table file from its extension (case-insensitive), or undefined.
 *
 * @example
 * tableFormatOf('/tmp/cases.Parquet'); // 'parquet'
 */
export function tableFormatOf(path: string): TableFormat | undefined {
  const match = /\.[^./\\]+$/.exec(path);
  return match ? BY_EXTENSION[match[0].toLowerCase()] : undefined;
}

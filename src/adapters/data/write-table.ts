import { AmlopsError } from '../../core/errors/index.js';
import { type Column, columnLength } from '../../core/frame/column.js';
import type { Frame } from '../../core/frame/frame.js';
import { writeCsv } from './writers/csv-writer.js';
import { writeJsonLines } from './writers/json-lines-writer.js';
import { TABLE_EXTENSIONS, type TableFormat, tableFormatOf } from './writers/table-format.js';
import type { WriteTableOptions } from './writers/write-options.js';

const WRITERS: Readonly<
  Record<
    TableFormat,
    (
      path: string,
      columns: readonly Column[],
      rows: number,
      onProgress?: (n: number) => void,
    ) => Promise<void>
  >
> = {
  csv: writeCsv,
  // Loaded on first use: the Parquet encoder is a large module that CSV users need not load.
  parquet: async (...args) => (await import('./writers/parquet-writer.js')).writeParquet(...args),
  jsonl: writeJsonLines,
};

/**
 * Writes a frame (and optional extra columns) to a local file as CSV, Parquet or JSON Lines,
 * chosen by the extension (`.csv`, `.parquet`, `.jsonl` or `.ndjson`). The file appears whole or
 * not at all. Unknown extension: `AmlopsError('DATA_FORMAT_UNSUPPORTED')`; I/O failure:
 * `AmlopsError('FILE_WRITE_FAILED')`.
 *
 * @example
 * await writeTable('cases.parquet', generateCases({ rows: 1000, seed: 7 }).frame);
 */
export async function writeTable(path: string, frame: Frame, options: WriteTableOptions = {}): Promise<void> {
  const format = tableFormatOf(path);
  if (format === undefined)
    throw new AmlopsError(
      'DATA_FORMAT_UNSUPPORTED',
      `cannot write ${path}: unknown file extension; use one of ${TABLE_EXTENSIONS.join(', ')}`,
    );
  const extra = options.extraColumns ?? [];
  for (const column of extra) {
    if (columnLength(column) !== frame.rowCount)
      throw new AmlopsError(
        'INTERNAL',
        `extra column '${column.name}' has ${columnLength(column)} rows; the frame has ${frame.rowCount}`,
      );
    if (frame.has(column.name))
      throw new AmlopsError('INTERNAL', `extra column '${column.name}' is already a column of the frame`);
  }
  await WRITERS[format](path, [...frame.columns, ...extra], frame.rowCount, options.onProgress);
}

import { encodeRawColumn, type RawTable } from '../../core/dataset/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import { type Column, columnLength } from '../../core/frame/column.js';
import { Frame } from '../../core/frame/frame.js';
import { writeCsv, writeCsvRecords } from './writers/csv-writer.js';
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

/**
 * Writes a table as read from a file, followed by `extra` columns (e.g. `prediction`), in the
 * format of `path`'s extension. A CSV table written to CSV keeps its header and rows byte for byte
 * (nothing decoded); otherwise each column is carried as its texts (dictionary-encoded, so a
 * repeated value is one string). A column of `table` named like an extra column is replaced.
 *
 * @example
 * await writeTableWithColumns('scored.csv', await readTable('cases.csv'), [{ kind: 'numeric', name: 'prediction', values: scores }]);
 */
export async function writeTableWithColumns(
  path: string,
  table: RawTable,
  extra: readonly Column[],
  options: Pick<WriteTableOptions, 'onProgress'> = {},
): Promise<void> {
  const replaced = new Set(extra.map((c) => c.name));
  const kept = table.columns.filter((c) => !replaced.has(c.name));
  if (table.records && kept.length === table.columns.length && tableFormatOf(path) === 'csv') {
    for (const column of extra)
      if (columnLength(column) !== table.rowCount)
        throw new AmlopsError(
          'INTERNAL',
          `extra column '${column.name}' has ${columnLength(column)} rows; the table has ${table.rowCount}`,
        );
    await writeCsvRecords(path, table.records, table.rowCount, extra, options.onProgress);
    return;
  }
  const frame = new Frame(
    kept.map((column) => {
      const { codes, values } = encodeRawColumn(column);
      return { kind: 'categorical' as const, name: column.name, codes, categories: values };
    }),
    table.rowCount,
  );
  await writeTable(path, frame, { extraColumns: extra, ...options });
}

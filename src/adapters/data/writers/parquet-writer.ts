import type { ColumnSource } from 'hyparquet-writer';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Column } from '../../../core/frame/column.js';
import { writeFileAtomically } from './write-file-atomically.js';

/**
 * Writes columns as a Parquet file (Snappy): numbers as nullable DOUBLE, categories and text as
 * nullable UTF-8 strings; a missing value is a Parquet null. The file is encoded in memory, then
 * written in one piece.
 *
 * @example
 * await writeParquet('/tmp/cases.parquet', frame.columns, frame.rowCount);
 */
export async function writeParquet(
  path: string,
  columns: readonly Column[],
  rowCount: number,
  onProgress?: (rowsWritten: number) => void,
): Promise<void> {
  const columnData: ColumnSource[] = columns.map((column) => ({
    name: column.name,
    data: parquetValues(column),
    type: column.kind === 'numeric' ? 'DOUBLE' : 'STRING',
    nullable: true,
  }));
  const buffer = parquetWriteBuffer({ columnData, rowGroupSize: 100_000 });
  await writeFileAtomically(path, async (file) => {
    await file.write(new Uint8Array(buffer));
  });
  onProgress?.(rowCount);
}

function parquetValues(column: Column): (number | string | null)[] {
  switch (column.kind) {
    case 'numeric': {
      const out = new Array<number | null>(column.values.length);
      for (let i = 0; i < out.length; i++) {
        const v = column.values[i]!;
        out[i] = !Number.isNaN(v) ? v : null;
      }
      return out;
    }
    case 'categorical': {
      const out = new Array<string | null>(column.codes.length);
      for (let i = 0; i < out.length; i++) {
        const code = column.codes[i]!;
        out[i] = code < 0 ? null : column.categories[code]!;
      }
      return out;
    }
    case 'text':
      return column.values.slice();
  }
}

import { type ColumnData, parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import type { RawTable } from '../../../core/dataset/index.js';
import { rawTableFromColumns } from '../../../core/dataset/index.js';
import { AmlopsError } from '../../../core/errors/index.js';

/**
 * Parses a Parquet file held in memory into a raw table, column by column (no row objects):
 * numbers stay numbers, strings stay strings, nulls are missing. Positions are 1-based row numbers.
 *
 * @example
 * const table = await parseParquet(new Uint8Array(await readFile('cases.parquet')), 'cases.parquet');
 * table.positionKind; // 'row'
 */
export async function parseParquet(bytes: Uint8Array, source: string): Promise<RawTable> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const metadata = parquetMetadata(file);
    const names = parquetSchema(metadata).children.map((child) => child.element.name);
    const rowCount = Number(metadata.num_rows);
    const chunks = new Map<string, ColumnData[]>(names.map((name) => [name, []]));
    await parquetRead({ file, metadata, onChunk: (chunk) => chunks.get(chunk.columnName)?.push(chunk) });
    const columns: Record<string, ArrayLike<unknown>> = {};
    for (const name of names) columns[name] = assemble(chunks.get(name)!, rowCount);
    return rawTableFromColumns(columns, { kind: 'row' });
  } catch (error) {
    if (error instanceof AmlopsError) throw error;
    throw new AmlopsError(
      'DATA_PARSE_FAILED',
      `${source}: not a readable Parquet file (${(error as Error).message})`,
      { file: source },
      { cause: error },
    );
  }
}

/** One array of `rowCount` values from a column's chunks (the chunk itself when there is one). */
function assemble(chunks: readonly ColumnData[], rowCount: number): ArrayLike<unknown> {
  const only = chunks[0];
  if (chunks.length === 1 && only && only.rowStart === 0 && only.columnData.length === rowCount)
    return only.columnData as ArrayLike<unknown>;
  const values = new Array<unknown>(rowCount).fill(null);
  for (const chunk of chunks) {
    const data = chunk.columnData as ArrayLike<unknown>;
    const end = Math.min(chunk.rowStart + data.length, rowCount);
    for (let row = chunk.rowStart; row < end; row++) values[row] = data[row - chunk.rowStart];
  }
  return values;
}

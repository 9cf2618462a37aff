import type { RawColumn, RawTable } from './raw-table.js';
import { ValuesRawColumn } from './values-raw-column.js';

/** Where rows sit in the file, when not one per line after a header. */
export interface RawTablePositions {
  readonly kind: 'line' | 'row';
  /** Position of each row; default: `row + 1` for `'row'`, `row + 2` (after a header) for `'line'`. */
  readonly positions?: ArrayLike<number>;
}

/**
 * Builds a raw table from named columns of decoded values (or ready raw columns), all of one length.
 *
 * @example
 * const table = rawTableFromColumns({ amount: ['1', '2'], risk_pld: ['LOW', ''] });
 * table.rowCount; // 2
 * table.position(0); // 2 (line 2: the header is line 1)
 */
export function rawTableFromColumns(
  columns: Readonly<Record<string, ArrayLike<unknown>>> | readonly RawColumn[],
  positions: RawTablePositions = { kind: 'line' },
): RawTable {
  const raw: RawColumn[] = Array.isArray(columns)
    ? [...(columns as readonly RawColumn[])]
    : Object.entries(columns as Record<string, ArrayLike<unknown>>).map(
        ([name, values]) => new ValuesRawColumn(name, values),
      );
  const rowCount = raw[0]?.length ?? 0;
  for (const column of raw) {
    if (column.length !== rowCount)
      throw new Error(`raw column '${column.name}' has ${column.length} rows; expected ${rowCount}`);
  }
  const offset = positions.kind === 'line' ? 2 : 1;
  const explicit = positions.positions;
  return {
    columns: raw,
    rowCount,
    positionKind: positions.kind,
    position: explicit ? (row) => explicit[row]! : (row) => row + offset,
  };
}

import type { RawColumn, RawTable } from './raw-table.js';
import { rawTableFromColumns } from './raw-table-from-columns.js';

/**
 * A column of several tables' columns of one name, one after the other; rows of a table without
 * it are empty cells.
 */
class ConcatRawColumn implements RawColumn {
  readonly name: string;
  readonly length: number;
  readonly #parts: readonly { readonly column: RawColumn | undefined; readonly from: number }[];

  constructor(name: string, tables: readonly RawTable[]) {
    this.name = name;
    let from = 0;
    this.#parts = tables.map((table) => {
      const part = { column: table.columns.find((c) => c.name === name), from };
      from += table.rowCount;
      return part;
    });
    this.length = from;
  }

  #at(row: number): { column: RawColumn | undefined; row: number } {
    let i = this.#parts.length - 1;
    while (i > 0 && this.#parts[i]!.from > row) i--;
    const part = this.#parts[i]!;
    return { column: part.column, row: row - part.from };
  }

  text(row: number): string {
    const { column, row: r } = this.#at(row);
    return column ? column.text(r) : '';
  }

  number(row: number): number {
    const { column, row: r } = this.#at(row);
    return column ? column.number(r) : Number.NaN;
  }
}

/**
 * The rows of several tables as one (the training data of several sources): every column name of
 * any table, in the order first met; a table without a column gives its rows empty cells there.
 * Positions are row numbers of the whole.
 *
 * @example
 * const all = concatRawTables([fileTable, casesTable]);
 * all.rowCount; // fileTable.rowCount + casesTable.rowCount
 */
export function concatRawTables(tables: readonly RawTable[]): RawTable {
  if (tables.length === 1) return tables[0]!;
  const names: string[] = [];
  for (const table of tables)
    for (const column of table.columns) if (!names.includes(column.name)) names.push(column.name);
  return rawTableFromColumns(
    names.map((name) => new ConcatRawColumn(name, tables)),
    { kind: 'row' },
  );
}

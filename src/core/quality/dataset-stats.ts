import { findDuplicateRows, type RowKeyColumn } from '../dataset/find-duplicate-rows.js';
import { duplicatedColumns } from './duplicated-columns.js';
import type { ColumnStats, DatasetStats } from './quality-report.js';
import type { QualityTable, QualityTarget } from './quality-table.js';
import { targetBalance } from './target-balance.js';

/** A column is almost constant when its most common value (missing included) fills this share of the rows. */
export const ALMOST_CONSTANT_SHARE = 0.95;

/**
 * The dataset level of one side of a quality report, from its table and its columns' statistics
 * (in the table's order): missing cells per column and per row, empty rows and columns, duplicated
 * rows and columns, constant and almost constant columns, and the target's balance.
 *
 * @example
 * datasetStats(table, stats, { column: 'conclusion', negativeValue: 'CLOSED_NO_ROI' }).duplicatedRows; // 12
 */
export function datasetStats(
  table: QualityTable,
  stats: readonly ColumnStats[],
  target?: QualityTarget,
): DatasetStats {
  const rows = table.rowCount;
  const missingPerRow = new Uint16Array(rows);
  let missingValues = 0;
  for (const column of table.columns) {
    if (column.kind === 'numeric') {
      const values = column.values;
      for (let row = 0; row < rows; row++) if (Number.isNaN(values[row]!)) missingPerRow[row]!++;
    } else {
      const codes = column.codes;
      for (let row = 0; row < rows; row++) if (codes[row]! < 0) missingPerRow[row]!++;
    }
  }
  let rowsWithMissing = 0;
  let emptyRows = 0;
  const width = table.columns.length;
  for (let row = 0; row < rows; row++) {
    const missing = missingPerRow[row]!;
    missingValues += missing;
    if (missing > 0) rowsWithMissing++;
    if (missing === width && width > 0) emptyRows++;
  }
  const keys: RowKeyColumn[] = table.columns.map((c) =>
    c.kind === 'numeric' ? { kind: 'numeric', values: c.values } : { kind: 'categorical', codes: c.codes },
  );
  const constant: string[] = [];
  const almostConstant: string[] = [];
  const empty: string[] = [];
  table.columns.forEach((column, i) => {
    const s = stats[i]!;
    if (s.count === 0) empty.push(column.name);
    if ((s.unique === 1 && s.missing === 0) || s.unique === 0) constant.push(column.name);
    else if (rows > 0 && Math.max(s.mostCommon?.count ?? 0, s.missing) / rows >= ALMOST_CONSTANT_SHARE)
      almostConstant.push(column.name);
  });
  const targetColumn = target ? table.columns.find((c) => c.name === target.column) : undefined;
  return {
    rows,
    columns: width,
    numericColumns: table.columns.filter((c) => c.kind === 'numeric').length,
    categoricalColumns: table.columns.filter((c) => c.kind === 'categorical').length,
    textColumns: table.columns.filter((c) => c.kind === 'text').length,
    missingValues,
    missingShare: rows * width > 0 ? missingValues / (rows * width) : 0,
    rowsWithMissing,
    duplicatedRows: findDuplicateRows({ rowCount: rows, columns: keys }, 0).count,
    duplicatedColumns: duplicatedColumns(table.columns),
    constantColumns: constant,
    almostConstantColumns: almostConstant,
    emptyRows,
    emptyColumns: empty,
    ...(targetColumn && target ? { target: targetBalance(targetColumn, target.negativeValue) } : {}),
  };
}

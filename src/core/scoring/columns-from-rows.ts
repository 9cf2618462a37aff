import { AmlopsError } from '../errors/index.js';
import { type ColumnarInput, columnarInput } from './columnar-input.js';

/**
 * Reads a table given as a header and rows of values (MLflow's `dataframe_split`, a CSV body) into
 * columns; every row must have one value per column.
 *
 * @example
 * columnsFromRows(['risk_pld', 'total_income_dollar_amount'], [['HIGH', 1305.06]]).rowCount; // 1
 */
export function columnsFromRows(
  header: readonly unknown[],
  rows: readonly unknown[],
  where = 'the body',
): ColumnarInput {
  const names = header.map((name, i) => {
    if (typeof name !== 'string' || name === '')
      throw new AmlopsError(
        'SCORING_INPUT_INVALID',
        `column name ${i} of ${where} must be a non-empty string`,
        { column: i },
      );
    return name;
  });
  const columns = names.map(() => new Array<unknown>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row) || row.length !== names.length)
      throw new AmlopsError(
        'SCORING_INPUT_INVALID',
        `row ${r} of ${where} must be an array of ${names.length} values (one per column); got ${Array.isArray(row) ? `${row.length} values` : 'something else'}`,
        { row: r },
      );
    for (let c = 0; c < names.length; c++) columns[c]![r] = row[c];
  }
  const input = columnarInput(names.map((name, c) => [name, columns[c]!] as const));
  return { rowCount: rows.length, columns: input.columns };
}

import { AmlopsError } from '../errors/index.js';
import { type ColumnarInput, columnarInput } from './columnar-input.js';
import { describe } from './columns-from-object.js';
import { isPlainObject } from './is-plain-object.js';

/**
 * Reads a list of records, `[{"col": v, …}, …]` (pandas' `orient="records"`), into columns: the
 * union of the records' keys, a key absent from a record being a missing value of that case.
 *
 * @example
 * columnsFromRecords([{ risk_pld: 'HIGH' }, { risk_pld: 'LOW' }]).columns.get('risk_pld'); // ['HIGH', 'LOW']
 */
export function columnsFromRecords(records: readonly unknown[], where = 'the body'): ColumnarInput {
  const columns = new Map<string, unknown[]>();
  const n = records.length;
  for (let row = 0; row < n; row++) {
    const record = records[row];
    if (!isPlainObject(record))
      throw new AmlopsError(
        'SCORING_INPUT_INVALID',
        `record ${row} of ${where} must be an object of column values; got ${describe(record)}`,
        { row },
      );
    for (const name in record) {
      if (!Object.hasOwn(record, name)) continue;
      let values = columns.get(name);
      if (values === undefined) {
        values = new Array(n).fill(undefined);
        columns.set(name, values);
      }
      values[row] = record[name];
    }
  }
  const input = columnarInput(columns);
  return { rowCount: n, columns: input.columns };
}

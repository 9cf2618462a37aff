import type { RawColumn } from './raw-table.js';

/** A column's distinct non-empty texts (first appearance first) and each row's index into them. */
export interface EncodedColumn {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

/**
 * Dictionary-encodes a raw column: `''` becomes code `-1` (missing), every other text a code into
 * `values`, in order of first appearance. Uses the reader's own encoding when it has one.
 *
 * @example
 * encodeRawColumn(new ValuesRawColumn('risk_pld', ['HIGH', '', 'LOW', 'HIGH']));
 * // { codes: Int32Array [0, -1, 1, 0], values: ['HIGH', 'LOW'] }
 */
export function encodeRawColumn(column: RawColumn): EncodedColumn {
  if (column.encode) return column.encode();
  const n = column.length;
  const codes = new Int32Array(n);
  const values: string[] = [];
  const index = new Map<string, number>();
  for (let row = 0; row < n; row++) {
    const text = column.text(row);
    if (text === '') {
      codes[row] = -1;
      continue;
    }
    let code = index.get(text);
    if (code === undefined) {
      code = values.length;
      index.set(text, code);
      values.push(text);
    }
    codes[row] = code;
  }
  return { codes, values };
}

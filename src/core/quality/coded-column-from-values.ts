import type { ColumnRole } from './quality-report.js';
import type { QualityCodedColumn } from './quality-table.js';

/**
 * A coded column from values held as strings (`null` or `''` missing), each distinct value coded in
 * order of first appearance.
 *
 * @example
 * codedColumnFromValues('risk_pld', 'feature', 'categorical', ['HIGH', null, 'HIGH']).codes; // Int32Array [0, -1, 0]
 */
export function codedColumnFromValues(
  name: string,
  role: ColumnRole,
  kind: 'categorical' | 'text',
  values: readonly (string | null)[],
): QualityCodedColumn {
  const codes = new Int32Array(values.length);
  const labels: string[] = [];
  const index = new Map<string, number>();
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value === null || value === undefined || value === '') {
      codes[row] = -1;
      continue;
    }
    let code = index.get(value);
    if (code === undefined) {
      code = labels.length;
      index.set(value, code);
      labels.push(value);
    }
    codes[row] = code;
  }
  return { kind, name, role, codes, distinct: labels.length, label: (code) => labels[code]! };
}

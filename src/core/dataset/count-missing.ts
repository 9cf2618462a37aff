import type { Column } from '../frame/index.js';

/**
 * Counts the missing cells of a column (`NaN`, code `-1`, `null`).
 *
 * @example
 * countMissing({ kind: 'numeric', name: 'x', values: Float64Array.of(1, NaN) }); // 1
 */
export function countMissing(column: Column): number {
  let missing = 0;
  if (column.kind === 'numeric') {
    for (const value of column.values) if (Number.isNaN(value)) missing++;
  } else if (column.kind === 'categorical') {
    for (const code of column.codes) if (code < 0) missing++;
  } else {
    for (const value of column.values) if (value === null) missing++;
  }
  return missing;
}

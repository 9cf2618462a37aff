import type { Column } from '../frame/column.js';

/** A column read as category labels: codes into `labels`, -1 where missing. */
export interface CategoryCodes {
  readonly codes: Int32Array;
  readonly labels: readonly string[];
}

/**
 * Reads any column as categories: a categorical column as it is, text by its distinct values
 * (empty or null is missing), numbers by their decimal form (NaN is missing).
 *
 * @example
 * categoryCodes({ kind: 'text', name: 'r', values: ['LOW', null, 'LOW'] }); // codes [0, -1, 0], labels ['LOW']
 */
export function categoryCodes(column: Column): CategoryCodes {
  if (column.kind === 'categorical') return { codes: column.codes, labels: column.categories };
  const index = new Map<string, number>();
  const labels: string[] = [];
  const n = column.values.length;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const raw = column.values[i];
    const label = raw == null || (typeof raw === 'number' && Number.isNaN(raw)) ? null : String(raw);
    if (label === null || label === '') {
      codes[i] = -1;
      continue;
    }
    let code = index.get(label);
    if (code === undefined) {
      code = labels.length;
      index.set(label, code);
      labels.push(label);
    }
    codes[i] = code;
  }
  return { codes, labels };
}

import type { Column } from '../frame/column.js';
import { parseNumberText } from './number-text.js';

/** A column read as numbers, and what could not be read. */
export interface NumericValues {
  /** NaN where missing or not a number. */
  readonly values: Float64Array;
  /** Rows whose value was present but not a number. */
  readonly invalidCount: number;
  /** The first few of them. */
  readonly invalidExamples: readonly { readonly row: number; readonly value: string }[];
}

const EXAMPLES = 5;

/**
 * Reads any column as numbers: a numeric column as it is, text and category labels parsed
 * (empty means missing; text that is not a number is missing too, and counted).
 *
 * @example
 * numericValues({ kind: 'text', name: 'x', values: ['1.5', '', 'abc'] }).values; // [1.5, NaN, NaN]
 */
export function numericValues(column: Column): NumericValues {
  if (column.kind === 'numeric') return { values: column.values, invalidCount: 0, invalidExamples: [] };
  const examples: { row: number; value: string }[] = [];
  let invalidCount = 0;
  if (column.kind === 'categorical') {
    const parsed = column.categories.map(parseNumberText);
    const values = new Float64Array(column.codes.length);
    for (let i = 0; i < values.length; i++) {
      const code = column.codes[i]!;
      const v = code < 0 ? Number.NaN : parsed[code]!;
      values[i] = v;
      if (code >= 0 && Number.isNaN(v) && column.categories[code]!.trim() !== '') {
        invalidCount++;
        if (examples.length < EXAMPLES) examples.push({ row: i, value: column.categories[code]! });
      }
    }
    return { values, invalidCount, invalidExamples: examples };
  }
  const values = new Float64Array(column.values.length);
  for (let i = 0; i < values.length; i++) {
    const text = column.values[i];
    const v = text == null ? Number.NaN : parseNumberText(text);
    values[i] = v;
    if (Number.isNaN(v) && text != null && text.trim() !== '') {
      invalidCount++;
      if (examples.length < EXAMPLES) examples.push({ row: i, value: text });
    }
  }
  return { values, invalidCount, invalidExamples: examples };
}

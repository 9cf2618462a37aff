import { cellText } from './cell-text.js';
import { parseNumericText } from './parse-numeric-text.js';
import type { RawColumn } from './raw-table.js';

/**
 * A raw column over values already decoded by a reader (JSON Lines, Parquet) or written in a
 * test: strings, numbers, bigints, booleans, dates, null. Numbers are taken as they are; strings
 * are parsed strictly; booleans and objects are not numeric.
 *
 * @example
 * const column = new ValuesRawColumn('amount', ['12.5', 3, null, 'abc']);
 * column.number(0); // 12.5
 * column.text(2); // ''
 */
export class ValuesRawColumn implements RawColumn {
  readonly name: string;
  readonly #values: ArrayLike<unknown>;

  constructor(name: string, values: ArrayLike<unknown>) {
    this.name = name;
    this.#values = values;
  }

  get length(): number {
    return this.#values.length;
  }

  text(row: number): string {
    return cellText(this.#values[row]);
  }

  number(row: number): number {
    const value = this.#values[row];
    if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
    if (typeof value === 'string') return parseNumericText(value);
    if (typeof value === 'bigint') return Number(value);
    return Number.NaN;
  }
}

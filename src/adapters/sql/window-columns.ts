import type { CaseColumn } from '../../core/quality/quality-table-from-cases.js';

/** A column being gathered: numbers until a text value turns it into categories. */
type Gathering =
  | { kind: 'numeric'; values: Float64Array }
  | { kind: 'categorical'; codes: Int32Array; labels: string[]; index: Map<string, number> };

const INITIAL_ROWS = 65_536;

/**
 * Gathers the cases of a scored window by column, up to a number of cases, straight into typed
 * arrays: each input a column of numbers (`NaN` where a case lacks it) or, once it holds text, of
 * category codes (numbers met before as their text), and the scores.
 *
 * @example
 * const window = new WindowColumns(2);
 * window.add([{ risk_pld: 'HIGH' }, { risk_pld: null }], [0.9, 0.1]);
 * window.result().inputs.get('risk_pld'); // { kind: 'categorical', codes: Int32Array [0, -1], labels: ['HIGH'] }
 */
export class WindowColumns {
  readonly #limit: number;
  readonly #columns = new Map<string, Gathering>();
  #scores: Float64Array;
  #capacity: number;
  #rows = 0;

  constructor(limit: number) {
    this.#limit = limit;
    this.#capacity = Math.min(limit, INITIAL_ROWS);
    this.#scores = new Float64Array(this.#capacity);
  }

  get full(): boolean {
    return this.#rows >= this.#limit;
  }

  /** How many more cases it takes. */
  get room(): number {
    return this.#limit - this.#rows;
  }

  /**
   * Adds cases and their scores, up to the limit: each case's inputs an object, or, when `names`
   * is given, an array of values in its order (a row written with `input_names`).
   */
  add(cases: readonly unknown[], scores: ArrayLike<number>, names: readonly string[] | null = null): void {
    const count = Math.min(cases.length, this.#limit - this.#rows);
    this.#reserve(this.#rows + count);
    for (let i = 0; i < count; i++) {
      const row = this.#rows++;
      this.#scores[row] = scores[i]!;
      if (names !== null && Array.isArray(cases[i])) {
        const values = cases[i] as readonly (string | number | null)[];
        for (let k = 0; k < names.length; k++) this.#set(names[k]!, values[k], row);
        continue;
      }
      const values = cases[i] as Record<string, string | number | null>;
      for (const name in values) this.#set(name, values[name], row);
    }
  }

  #set(name: string, value: string | number | null | undefined, row: number): void {
    if (value === null || value === undefined) return;
    let column = this.#columns.get(name);
    if (!column) {
      column = { kind: 'numeric', values: new Float64Array(this.#capacity).fill(Number.NaN) };
      this.#columns.set(name, column);
    }
    if (typeof value === 'number' && column.kind === 'numeric') {
      column.values[row] = value;
      return;
    }
    let categorical: Gathering & { kind: 'categorical' };
    if (column.kind === 'numeric') {
      categorical = toCategorical(column.values, row);
      this.#columns.set(name, categorical);
    } else categorical = column;
    const text = String(value);
    let code = categorical.index.get(text);
    if (code === undefined) {
      code = categorical.labels.length;
      categorical.index.set(text, code);
      categorical.labels.push(text);
    }
    categorical.codes[row] = code;
  }

  result(): { rows: number; inputs: ReadonlyMap<string, CaseColumn>; scores: Float64Array } {
    const rows = this.#rows;
    const inputs = new Map<string, CaseColumn>();
    for (const [name, column] of this.#columns)
      inputs.set(
        name,
        column.kind === 'numeric'
          ? { kind: 'numeric', values: column.values.subarray(0, rows) }
          : { kind: 'categorical', codes: column.codes.subarray(0, rows), labels: column.labels },
      );
    return { rows, inputs, scores: this.#scores.subarray(0, rows) };
  }

  #reserve(rows: number): void {
    if (rows <= this.#capacity) return;
    let capacity = this.#capacity;
    while (capacity < rows) capacity *= 2;
    capacity = Math.min(capacity, this.#limit);
    const numbers = (array: Float64Array, fill: number) => {
      const bigger = new Float64Array(capacity).fill(fill);
      bigger.set(array);
      return bigger;
    };
    this.#scores = numbers(this.#scores, 0);
    for (const column of this.#columns.values())
      if (column.kind === 'numeric') column.values = numbers(column.values, Number.NaN);
      else {
        const codes = new Int32Array(capacity).fill(-1);
        codes.set(column.codes);
        column.codes = codes;
      }
    this.#capacity = capacity;
  }
}

/** A numeric column met a text value: its numbers so far become categories of their own text. */
function toCategorical(values: Float64Array, rows: number): Gathering & { kind: 'categorical' } {
  const codes = new Int32Array(values.length).fill(-1);
  const labels: string[] = [];
  const index = new Map<string, number>();
  for (let row = 0; row < rows; row++) {
    const value = values[row]!;
    if (Number.isNaN(value)) continue;
    const text = String(value);
    let code = index.get(text);
    if (code === undefined) {
      code = labels.length;
      index.set(text, code);
      labels.push(text);
    }
    codes[row] = code;
  }
  return { kind: 'categorical', codes, labels, index };
}

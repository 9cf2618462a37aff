/**
 * Gathers the cases of a scored window by column, up to a number of cases: each case's inputs
 * object spread into one array per input name (null where a case lacks the input), its score into
 * a typed array.
 *
 * @example
 * const window = new WindowColumns(2);
 * window.add([{ risk_pld: 'HIGH' }, { risk_pld: null }], [0.9, 0.1]);
 * window.result().inputs.get('risk_pld'); // ['HIGH', null]
 */
export class WindowColumns {
  readonly #limit: number;
  readonly #inputs = new Map<string, (string | number | null)[]>();
  readonly #scores: Float64Array;
  #rows = 0;

  constructor(limit: number) {
    this.#limit = limit;
    this.#scores = new Float64Array(limit);
  }

  get full(): boolean {
    return this.#rows >= this.#limit;
  }

  add(cases: readonly Record<string, string | number | null>[], scores: readonly number[]): void {
    for (let i = 0; i < cases.length && this.#rows < this.#limit; i++) {
      const row = this.#rows++;
      this.#scores[row] = scores[i]!;
      const values = cases[i]!;
      for (const name in values) {
        let column = this.#inputs.get(name);
        if (!column) {
          column = new Array<string | number | null>(row).fill(null);
          this.#inputs.set(name, column);
        }
        column[row] = values[name]!;
      }
      for (const column of this.#inputs.values()) if (column.length === row) column.push(null);
    }
  }

  result(): {
    rows: number;
    inputs: ReadonlyMap<string, readonly (string | number | null)[]>;
    scores: Float64Array;
  } {
    return { rows: this.#rows, inputs: this.#inputs, scores: this.#scores.subarray(0, this.#rows) };
  }
}

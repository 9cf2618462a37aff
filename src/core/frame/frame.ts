import { type Column, columnLength } from './column.js';

/**
 * A columnar table: each column a typed array of one length, missing values explicit
 * (`NaN` for numbers, code `-1` for categories, `null` for text).
 *
 * @example
 * const frame = new Frame([{ kind: 'numeric', name: 'x', values: Float64Array.of(1, NaN) }]);
 * frame.rowCount; // 2
 */
export class Frame {
  readonly columns: readonly Column[];
  readonly rowCount: number;
  readonly #byName: Map<string, Column>;

  constructor(columns: readonly Column[], rowCount?: number) {
    this.columns = columns;
    this.#byName = new Map();
    let rows = rowCount;
    for (const column of columns) {
      if (this.#byName.has(column.name)) throw new Error(`duplicate column name '${column.name}'`);
      this.#byName.set(column.name, column);
      const length = columnLength(column);
      if (rows === undefined) rows = length;
      else if (rows !== length)
        throw new Error(`column '${column.name}' has ${length} rows; expected ${rows}`);
    }
    this.rowCount = rows ?? 0;
  }

  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The column named `name`, or undefined. */
  get(name: string): Column | undefined {
    return this.#byName.get(name);
  }

  /** A frame of the rows at `indices`, in that order (columns copied). */
  take(indices: ArrayLike<number>): Frame {
    const n = indices.length;
    const columns = this.columns.map((column) => takeColumn(column, indices));
    return new Frame(columns, n);
  }
}

function takeColumn(column: Column, indices: ArrayLike<number>): Column {
  const n = indices.length;
  switch (column.kind) {
    case 'numeric': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[indices[i]!]!;
      return { kind: 'numeric', name: column.name, values };
    }
    case 'categorical': {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = column.codes[indices[i]!]!;
      return { kind: 'categorical', name: column.name, codes, categories: column.categories };
    }
    case 'text': {
      const values = new Array<string | null>(n);
      for (let i = 0; i < n; i++) values[i] = column.values[indices[i]!]!;
      return { kind: 'text', name: column.name, values };
    }
  }
}

import type { CategoricalColumn, Column, NumericColumn, TextColumn } from '../frame/index.js';
import { Frame } from '../frame/index.js';
import { addToSample, type CellSample, emptySample } from './cell-sample.js';
import type { DatasetSchema } from './dataset-schema.js';
import { encodeRawColumn } from './encode-raw-column.js';
import { isNonFiniteText } from './parse-numeric-text.js';
import type { RawColumn, RawTable } from './raw-table.js';

/** Cells of one numeric column that could not be taken as amounts (all become missing). */
export interface NumericCellProblems {
  /** Text that is not a number: `'abc'`, `'12,5'`, `'$5'`. */
  readonly nonNumeric: CellSample;
  /** `NaN`, `inf`, `Infinity` written out. */
  readonly nonFinite: CellSample;
  /** Numbers below zero (kept in the frame; validation refuses them). */
  readonly negative: CellSample;
}

/** A raw table typed per the schema, and what did not fit. */
export interface CoercedTable {
  readonly frame: Frame;
  /** Schema columns (features and target) absent from the table. */
  readonly absentColumns: readonly string[];
  readonly numericProblems: ReadonlyMap<string, NumericCellProblems>;
}

/**
 * Types a raw table per the schema: numeric columns to `Float64Array` (empty or blank text is
 * missing, `NaN`; numeric text parsed strictly), categorical columns and the target to codes
 * (`''` is missing, code `-1`), carried columns to text (`''` is `null`). Columns neither in the
 * schema nor carried are dropped; the frame keeps the file's column order. Never throws on bad
 * cells: they are counted in `numericProblems` for validation to report.
 *
 * @example
 * const { frame } = coerceTable(rawTableFromColumns({ amount: ['1.5', ''] }), { ...schema, numeric: ['amount'] });
 * (frame.get('amount') as NumericColumn).values; // Float64Array [1.5, NaN]
 */
export function coerceTable(raw: RawTable, schema: DatasetSchema): CoercedTable {
  const numeric = new Set(schema.numeric);
  const categorical = new Set([...schema.categorical, schema.target]);
  const carriedAll = schema.carried === 'all';
  const carried = new Set(carriedAll ? [] : schema.carried);
  const columns: Column[] = [];
  const numericProblems = new Map<string, NumericCellProblems>();
  const present = new Set<string>();
  for (const column of raw.columns) {
    present.add(column.name);
    if (column.name === schema.target || (categorical.has(column.name) && !numeric.has(column.name))) {
      columns.push(toCategorical(column));
    } else if (numeric.has(column.name)) {
      const problems: NumericCellProblems = {
        nonNumeric: emptySample(),
        nonFinite: emptySample(),
        negative: emptySample(),
      };
      columns.push(toNumeric(column, raw, problems));
      numericProblems.set(column.name, problems);
    } else if (carriedAll || carried.has(column.name)) {
      columns.push(toText(column));
    }
  }
  const wanted = [...schema.numeric, ...schema.categorical, schema.target];
  const absentColumns = [...new Set(wanted)].filter((name) => !present.has(name));
  return { frame: new Frame(columns, raw.rowCount), absentColumns, numericProblems };
}

function toNumeric(column: RawColumn, raw: RawTable, problems: NumericCellProblems): NumericColumn {
  const n = column.length;
  const values = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    const value = column.number(row);
    values[row] = value;
    // biome-ignore lint/suspicious/noSelfCompare: the cheapest NaN test in this hot loop
    if (value === value) {
      if (value < 0) addToSample(problems.negative, row, raw.position(row), column.text(row));
      continue;
    }
    const text = column.text(row);
    if (text.trim() === '') continue;
    addToSample(
      isNonFiniteText(text) ? problems.nonFinite : problems.nonNumeric,
      row,
      raw.position(row),
      text,
    );
  }
  return { kind: 'numeric', name: column.name, values };
}

function toCategorical(column: RawColumn): CategoricalColumn {
  const { codes, values } = encodeRawColumn(column);
  return { kind: 'categorical', name: column.name, codes, categories: values };
}

function toText(column: RawColumn): TextColumn {
  const n = column.length;
  const values = new Array<string | null>(n);
  for (let row = 0; row < n; row++) {
    const text = column.text(row);
    values[row] = text === '' ? null : text;
  }
  return { kind: 'text', name: column.name, values };
}

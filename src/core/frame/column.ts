/** A numeric column; `NaN` marks a missing value. */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float64Array;
}

/** A categorical column as codes into `categories`; code `-1` marks a missing value. */
export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  readonly codes: Int32Array;
  readonly categories: readonly string[];
}

/** A column carried through but not used as a feature (ids, dates); `null` marks a missing value. */
export interface TextColumn {
  readonly kind: 'text';
  readonly name: string;
  readonly values: readonly (string | null)[];
}

export type Column = NumericColumn | CategoricalColumn | TextColumn;

/** Missing code of a categorical column. */
export const MISSING_CODE = -1;

/** Number of rows of a column, whatever its kind. */
export function columnLength(column: Column): number {
  return column.kind === 'categorical' ? column.codes.length : column.values.length;
}

/**
 * How the cases are broken down by one column: by its `value` (a category, a text), or in `band`s
 * of a number cut at `cuts` (band i holds `cuts[i-1] <= value < cuts[i]`), the cuts of the
 * training split (see `segmentCuts`).
 */
export type SegmentSpec =
  | { readonly column: string; readonly kind: 'value' }
  | { readonly column: string; readonly kind: 'band'; readonly cuts: readonly number[] };

/** The values of the column a breakdown reads: numbers (`NaN` missing), or cells as scored or stored. */
export type SegmentValues =
  | { readonly kind: 'numeric'; readonly values: ArrayLike<number> }
  | { readonly kind: 'cells'; readonly values: readonly (string | number | null)[] };

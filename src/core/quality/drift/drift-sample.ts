/**
 * One column of one dataset as the drift tests read it, missing and non-finite values removed
 * (as Evidently drops them before testing):
 * - numeric: the finite values in ascending order;
 * - categorical: how many rows hold each category (categories compared across datasets by label).
 *
 * @example
 * const numeric: DriftSample = { kind: 'numeric', sorted: Float64Array.of(1, 2, 2, 5) };
 * const categorical: DriftSample = { kind: 'categorical', counts: new Map([['HIGH', 3], ['LOW', 9]]) };
 */
export type DriftSample =
  | { readonly kind: 'numeric'; readonly sorted: Float64Array }
  | { readonly kind: 'categorical'; readonly counts: ReadonlyMap<string, number> };

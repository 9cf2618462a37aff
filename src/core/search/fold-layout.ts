/**
 * Rows grouped by fold: `order` lists the rows of fold 0, then of fold 1, …, each group in row
 * order, and fold `f` occupies positions `[starts[f], starts[f + 1])`. Data laid out in this order
 * holds every held-out fold as one contiguous range and every training part as two.
 */
export interface FoldLayout {
  readonly folds: number;
  readonly order: Uint32Array;
  readonly starts: Int32Array;
}

/**
 * The layout of `foldOf` (a fold per row) for `folds` folds.
 *
 * @example
 * foldLayout(Uint8Array.of(1, 0, 1, 0), 2); // order [1, 3, 0, 2], starts [0, 2, 4]
 */
export function foldLayout(foldOf: ArrayLike<number>, folds: number): FoldLayout {
  const starts = new Int32Array(folds + 1);
  for (let row = 0; row < foldOf.length; row++) starts[foldOf[row]! + 1]!++;
  for (let f = 0; f < folds; f++) starts[f + 1]! += starts[f]!;
  const cursor = starts.slice(0, folds);
  const order = new Uint32Array(foldOf.length);
  for (let row = 0; row < foldOf.length; row++) order[cursor[foldOf[row]!]!++] = row;
  return { folds, order, starts };
}

import type { FeatureMatrix } from '../gbdt/feature-matrix.js';
import { foldLayout } from './fold-layout.js';

/**
 * What every fold task reads: the rows of each feature set and their labels laid out fold after
 * fold, so that a held-out fold is one contiguous range (a view, never a copy). Plain typed arrays
 * over buffers from the caller's allocator: with `SharedArrayBuffer`s, posting this object to a
 * worker thread shares the memory instead of copying it.
 */
export interface SearchData {
  readonly folds: number;
  /** Fold `f` holds positions `[foldStarts[f], foldStarts[f + 1])`. */
  readonly foldStarts: Int32Array;
  /** Labels (0 or 1) in layout order. */
  readonly labels: Float32Array;
  /** The matrix of each feature set by name, rows in layout order. */
  readonly matrices: Readonly<Record<string, FeatureMatrix>>;
}

/** Memory for search data: `ArrayBuffer` in one thread, `SharedArrayBuffer` to share with workers. */
export type Allocate = (byteLength: number) => ArrayBufferLike;

/**
 * Lays out `matrices` and `labels` by fold (`foldOf`), taking only `rows` when given (a sample of
 * the training rows; `foldOf` is then per sampled row), into memory from `allocate`.
 *
 * @example
 * const data = prepareSearchData({ original: matrix }, labels, foldOf, 5, (n) => new SharedArrayBuffer(n));
 */
export function prepareSearchData(
  matrices: Readonly<Record<string, FeatureMatrix>>,
  labels: ArrayLike<number>,
  foldOf: ArrayLike<number>,
  folds: number,
  allocate: Allocate = (n) => new ArrayBuffer(n),
  rows?: ArrayLike<number>,
): SearchData {
  const layout = foldLayout(foldOf, folds);
  const source = rows ? Uint32Array.from(layout.order, (i) => rows[i]!) : layout.order;
  const n = source.length;
  const laidLabels = new Float32Array(allocate(4 * n));
  for (let i = 0; i < n; i++) laidLabels[i] = labels[source[i]!]!;
  const laid: Record<string, FeatureMatrix> = {};
  for (const [name, matrix] of Object.entries(matrices)) {
    const columns = matrix.columns.map((column) => {
      const out = new Float32Array(allocate(4 * n));
      for (let i = 0; i < n; i++) out[i] = column[source[i]!]!;
      return out;
    });
    laid[name] = { rowCount: n, featureNames: matrix.featureNames, columns };
  }
  return { folds, foldStarts: layout.starts, labels: laidLabels, matrices: laid };
}

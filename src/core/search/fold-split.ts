import type { FeatureMatrix } from '../gbdt/feature-matrix.js';
import type { SearchData } from './search-data.js';

/** Rows of a matrix with their labels. */
export interface LabelledRows {
  readonly matrix: FeatureMatrix;
  readonly labels: Float32Array;
}

/**
 * The training part (every fold but `fold`, copied into fresh arrays: two block copies per column)
 * and the held-out part (fold `fold`, views of the shared data) of one feature set.
 *
 * @example
 * const { train, heldOut } = foldSplit(data, 'original', 2);
 */
export function foldSplit(
  data: SearchData,
  featureSet: string,
  fold: number,
): { train: LabelledRows; heldOut: LabelledRows } {
  const matrix = data.matrices[featureSet];
  if (!matrix) throw new Error(`the search data has no feature set '${featureSet}'`);
  const start = data.foldStarts[fold]!;
  const end = data.foldStarts[fold + 1]!;
  const n = matrix.rowCount;
  const without = <T extends Float32Array>(values: T): Float32Array => {
    const out = new Float32Array(n - (end - start));
    out.set(values.subarray(0, start), 0);
    out.set(values.subarray(end, n), start);
    return out;
  };
  return {
    train: {
      matrix: {
        rowCount: n - (end - start),
        featureNames: matrix.featureNames,
        columns: matrix.columns.map(without),
      },
      labels: without(data.labels),
    },
    heldOut: {
      matrix: {
        rowCount: end - start,
        featureNames: matrix.featureNames,
        columns: matrix.columns.map((c) => c.subarray(start, end)),
      },
      labels: data.labels.subarray(start, end),
    },
  };
}

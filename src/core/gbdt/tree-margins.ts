import type { FeatureMatrix } from './feature-matrix.js';
import type { Tree } from './tree.js';

/**
 * Adds one tree's leaf values to `margins` (float32, as XGBoost accumulates), walking each row of
 * `matrix` from the root: left when `x < condition`, the default side when `x` is missing. Training
 * uses it to score its evaluation sets after each tree.
 *
 * @example
 * const margins = new Float32Array(matrix.rowCount).fill(baseMargin);
 * for (const tree of booster.trees) addTreeMargins(tree, matrix, margins);
 */
export function addTreeMargins(tree: Tree, matrix: FeatureMatrix, margins: Float32Array): void {
  const { left, right, splitFeature, splitCondition, defaultLeft } = tree;
  const columns = matrix.columns;
  for (let r = 0; r < matrix.rowCount; r++) {
    let node = 0;
    while (left[node] !== -1) {
      const x = columns[splitFeature[node]!]![r]!;
      if (Number.isNaN(x)) node = defaultLeft[node] ? left[node]! : right[node]!;
      else node = x < splitCondition[node]! ? left[node]! : right[node]!;
    }
    margins[r] = margins[r]! + splitCondition[node]!;
  }
}

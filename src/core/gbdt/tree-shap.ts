import { AmlopsError } from '../errors/index.js';
import type { Booster } from './booster.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { baseMargin } from './predictor/base-margin.js';
import type { PackOptions } from './predictor/packed-ensemble.js';
import type { RowRange } from './predictor/predict-batch.js';
import type { FeatureRow } from './predictor/predict-row.js';
import type { Tree } from './tree.js';
import { createShapPath, extendPath, type ShapPath, unwindPath, unwoundPathSum } from './tree-shap-path.js';

const f = Math.fround;

/**
 * Everything exact path-dependent TreeSHAP needs for one booster, prepared once: the trees scored
 * (trees `[0, bestIteration]` by default, as the predictor), each node's expected value, and scratch
 * space, so that explaining a row allocates nothing. Not shared between threads.
 */
export interface TreeShapExplainer {
  readonly featureCount: number;
  readonly baseMargin: number;
  readonly trees: readonly Tree[];
  /** Expected value of each node of each tree (XGBoost's `FillNodeMeanValues`, float32). */
  readonly nodeMeans: readonly Float32Array[];
  readonly path: ShapPath;
  readonly treePhi: Float32Array;
  readonly sums: Float32Array;
  readonly row: Float32Array;
}

/**
 * Prepares a {@link TreeShapExplainer}; the contributions match XGBoost's `pred_contribs=True`.
 *
 * @example
 * const explainer = createTreeShapExplainer(booster);
 * const phi = new Float64Array(booster.featureNames.length + 1);
 * explainRow(explainer, [1200, 80, 1], phi); // phi sums to the row's margin; the last is the bias
 */
export function createTreeShapExplainer(booster: Booster, options: PackOptions = {}): TreeShapExplainer {
  const available = booster.trees.length;
  const limit =
    options.treeLimit ??
    (booster.bestIteration === undefined ? available : Math.min(available, booster.bestIteration + 1));
  if (!Number.isInteger(limit) || limit < 0 || limit > available) {
    throw new AmlopsError(
      'MODEL_PARAM_INVALID',
      `treeLimit must be an integer between 0 and ${available}; got ${limit}`,
    );
  }
  const trees = booster.trees.slice(0, limit);
  let maxDepth = 0;
  const nodeMeans = trees.map((tree) => {
    const means = new Float32Array(tree.left.length);
    maxDepth = Math.max(maxDepth, fillMeans(tree, means, 0, 0));
    return means;
  });
  const featureCount = booster.featureNames.length;
  return {
    featureCount,
    baseMargin: baseMargin(booster),
    trees,
    nodeMeans,
    path: createShapPath(maxDepth),
    treePhi: new Float32Array(featureCount + 1),
    sums: new Float32Array(featureCount + 1),
    row: new Float32Array(featureCount),
  };
}

/**
 * Writes the contributions of one row into `out[offset .. offset + featureCount]`: one per feature,
 * then the bias (the expected margin). They sum to the row's margin.
 *
 * @example
 * explainRow(explainer, new Float32Array([1200, Number.NaN, 1]), phi);
 */
export function explainRow(
  explainer: TreeShapExplainer,
  row: FeatureRow,
  out: Float64Array | Float32Array,
  offset = 0,
): void {
  const { featureCount, sums, treePhi } = explainer;
  if (row.length !== featureCount) {
    throw new AmlopsError('DATA_INVALID', `a row needs ${featureCount} features; got ${row.length}`);
  }
  if (out.length < offset + featureCount + 1) {
    throw new AmlopsError('DATA_INVALID', `the output needs ${featureCount + 1} values from ${offset}`);
  }
  sums.fill(0);
  for (let t = 0; t < explainer.trees.length; t++) {
    treePhi.fill(0);
    treePhi[featureCount] = explainer.nodeMeans[t]![0]!;
    recurse(explainer, explainer.trees[t]!, row, 0, 0, 0, 1, 1, -1);
    for (let c = 0; c <= featureCount; c++) sums[c]! += treePhi[c]!;
  }
  sums[featureCount]! += explainer.baseMargin;
  for (let c = 0; c <= featureCount; c++) out[offset + c] = sums[c]!;
}

/**
 * Explains rows `[start, end)` of a matrix into `out`, row-major: row `r` at
 * `out[r * (featureCount + 1)]`.
 *
 * @example
 * const phi = new Float32Array(matrix.rowCount * (matrix.columns.length + 1));
 * explainBatch(createTreeShapExplainer(booster), matrix, phi);
 */
export function explainBatch(
  explainer: TreeShapExplainer,
  matrix: FeatureMatrix,
  out: Float64Array | Float32Array,
  range: RowRange = {},
): void {
  const { featureCount, row } = explainer;
  const start = range.start ?? 0;
  const end = range.end ?? matrix.rowCount;
  if (matrix.columns.length !== featureCount) {
    throw new AmlopsError(
      'DATA_INVALID',
      `the model needs ${featureCount} feature columns; got ${matrix.columns.length}`,
    );
  }
  if (!(start >= 0 && start <= end && end <= matrix.rowCount) || out.length < end * (featureCount + 1)) {
    throw new AmlopsError('DATA_INVALID', `rows [${start}, ${end}) do not fit the matrix or the output`);
  }
  for (let r = start; r < end; r++) {
    for (let c = 0; c < featureCount; c++) row[c] = matrix.columns[c]![r]!;
    explainRow(explainer, row, out, r * (featureCount + 1));
  }
}

/** XGBoost's `RegTree::TreeShap` with `condition == 0`, in float32. */
function recurse(
  explainer: TreeShapExplainer,
  tree: Tree,
  row: FeatureRow,
  node: number,
  parentAt: number,
  depth: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
): void {
  const path = explainer.path;
  const at = parentAt + depth + 1;
  path.feature.copyWithin(at, parentAt, parentAt + depth + 1);
  path.zero.copyWithin(at, parentAt, parentAt + depth + 1);
  path.one.copyWithin(at, parentAt, parentAt + depth + 1);
  path.weight.copyWithin(at, parentAt, parentAt + depth + 1);
  extendPath(path, at, depth, parentZero, parentOne, parentFeature);

  const left = tree.left[node]!;
  if (left === -1) {
    const leaf = tree.splitCondition[node]!;
    const phi = explainer.treePhi;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(path, at, depth, i);
      const feature = path.feature[at + i]!;
      phi[feature]! += f(f(w * f(path.one[at + i]! - path.zero[at + i]!)) * leaf);
    }
    return;
  }
  const right = tree.right[node]!;
  const split = tree.splitFeature[node]!;
  const value = Math.fround(row[split]!);
  const hot = Number.isNaN(value)
    ? tree.defaultLeft[node]
      ? left
      : right
    : value < tree.splitCondition[node]!
      ? left
      : right;
  const cold = hot === left ? right : left;
  const cover = tree.sumHessian[node]!;
  const hotZero = f(tree.sumHessian[hot]! / cover);
  const coldZero = f(tree.sumHessian[cold]! / cover);
  let incomingZero = 1;
  let incomingOne = 1;
  let index = 0;
  while (index <= depth && path.feature[at + index] !== split) index++;
  if (index !== depth + 1) {
    incomingZero = path.zero[at + index]!;
    incomingOne = path.one[at + index]!;
    unwindPath(path, at, depth, index);
    depth -= 1;
  }
  recurse(explainer, tree, row, hot, at, depth + 1, f(hotZero * incomingZero), incomingOne, split);
  recurse(explainer, tree, row, cold, at, depth + 1, f(coldZero * incomingZero), 0, split);
}

/** Fills each node's cover-weighted mean leaf value; returns the subtree's depth. */
function fillMeans(tree: Tree, means: Float32Array, node: number, depth: number): number {
  const left = tree.left[node]!;
  if (left === -1) {
    means[node] = tree.splitCondition[node]!;
    return depth;
  }
  const right = tree.right[node]!;
  const leftDepth = fillMeans(tree, means, left, depth + 1);
  const rightDepth = fillMeans(tree, means, right, depth + 1);
  let result = f(means[left]! * tree.sumHessian[left]!);
  result = f(result + f(means[right]! * tree.sumHessian[right]!));
  means[node] = f(result / tree.sumHessian[node]!);
  return Math.max(leftDepth, rightDepth);
}

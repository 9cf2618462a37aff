import { AmlopsError } from '../../errors/index.js';
import type { Booster, ObjectiveName } from '../booster.js';
import type { Tree } from '../tree.js';
import { baseMargin } from './base-margin.js';

/** Int32 slots per node in {@link PackedEnsemble.nodes}. */
export const NODE_STRIDE = 3;

/**
 * The whole ensemble flattened into one buffer for scoring. Rows are read through a widened copy with
 * two slots per feature: slot `2f` holds the value with a missing value read as -Infinity, slot
 * `2f + 1` with a missing value read as +Infinity, and slot `2 * featureCount` is always missing
 * (NaN). A split node reads the slot of its default direction, so that one comparison,
 * `value >= threshold`, sends present values as XGBoost does (left when `value < threshold` in
 * float32) and missing ones to the default side; a leaf reads the NaN slot and stays put.
 *
 * Node `n` occupies `nodes[3n .. 3n+2]`:
 * - `nodes[3n]`: the slot read (`2 * feature + defaultRight`, or `2 * featureCount` for a leaf);
 * - `values[3n + 1]` (a float32 view of the same memory): the split threshold, or the leaf value;
 * - `nodes[3n + 2]`: the left child; the right child is always `left + 1` (children are renumbered
 *   breadth-first in pairs), and a leaf's left child is itself.
 */
export interface PackedEnsemble {
  readonly objective: ObjectiveName;
  readonly featureCount: number;
  /** The float32 margin every row starts from (XGBoost's base_score through ProbToMargin). */
  readonly baseMargin: number;
  readonly treeCount: number;
  /** Node index of each tree's root. */
  readonly roots: Int32Array;
  /** Length of each tree's longest root-to-leaf path, in splits. */
  readonly depths: Int32Array;
  readonly nodes: Int32Array;
  readonly values: Float32Array;
  /** Scratch for the single-row path: the widened row (see above). */
  readonly rowScratch: Float32Array;
}

/** Which trees to score with; by default trees `[0, bestIteration]`, or all trees without early stopping. */
export interface PackOptions {
  /** Number of leading trees to use (XGBoost's `iteration_range=(0, treeLimit)`). */
  readonly treeLimit?: number;
}

/**
 * Flattens a booster into a {@link PackedEnsemble}, honouring `bestIteration` as XGBoost's
 * scikit-learn wrapper does.
 *
 * @example
 * const packed = packEnsemble(booster);
 * const p = predictRowProbability(packed, new Float32Array([1200, 80, 1]));
 */
export function packEnsemble(booster: Booster, options: PackOptions = {}): PackedEnsemble {
  const treeCount = resolveTreeLimit(booster, options.treeLimit);
  const featureCount = booster.featureNames.length;
  let total = 0;
  for (let t = 0; t < treeCount; t++) total += booster.trees[t]!.left.length;
  if (total >= 2 ** 30) {
    throw new AmlopsError('MODEL_UNSUPPORTED', `the ensemble has ${total} nodes; at most 2^30 are supported`);
  }
  const buffer = new ArrayBuffer(total * NODE_STRIDE * 4);
  const nodes = new Int32Array(buffer);
  const values = new Float32Array(buffer);
  const roots = new Int32Array(treeCount);
  const depths = new Int32Array(treeCount);
  let next = 0;
  for (let t = 0; t < treeCount; t++) {
    roots[t] = next;
    const packed = packTree(booster.trees[t]!, t, featureCount, next, nodes, values);
    depths[t] = packed.depth;
    next = packed.end;
  }
  return {
    objective: booster.objective,
    featureCount,
    baseMargin: baseMargin(booster),
    treeCount,
    roots,
    depths,
    nodes,
    values,
    rowScratch: new Float32Array(2 * featureCount + 1).fill(Number.NaN),
  };
}

function resolveTreeLimit(booster: Booster, treeLimit: number | undefined): number {
  const available = booster.trees.length;
  const limit =
    treeLimit ??
    (booster.bestIteration === undefined ? available : Math.min(available, booster.bestIteration + 1));
  if (!Number.isInteger(limit) || limit < 0 || limit > available) {
    throw new AmlopsError(
      'MODEL_PARAM_INVALID',
      `treeLimit must be an integer between 0 and the number of trees (${available}); got ${limit}`,
    );
  }
  return limit;
}

/** Writes one tree breadth-first from `start`, children in consecutive pairs; returns the end and depth. */
function packTree(
  tree: Tree,
  treeIndex: number,
  featureCount: number,
  start: number,
  nodes: Int32Array,
  values: Float32Array,
): { end: number; depth: number } {
  const size = tree.left.length;
  // queue[i] is the source node placed at start + i; its depth is kept alongside.
  const queue = new Int32Array(size);
  const depthOf = new Int32Array(size);
  let tail = 1;
  let depth = 0;
  for (let head = 0; head < tail; head++) {
    const source = queue[head]!;
    const at = (start + head) * NODE_STRIDE;
    values[at + 1] = tree.splitCondition[source]!;
    const left = tree.left[source]!;
    if (left === -1) {
      nodes[at] = 2 * featureCount;
      nodes[at + 2] = start + head;
      if (depthOf[head]! > depth) depth = depthOf[head]!;
      continue;
    }
    const feature = tree.splitFeature[source]!;
    if (feature < 0 || feature >= featureCount) {
      throw new AmlopsError(
        'MODEL_FILE_INVALID',
        `tree ${treeIndex} node ${source} splits on feature ${feature}; the model declares ${featureCount}`,
      );
    }
    if (tail + 2 > size) {
      throw new AmlopsError('MODEL_FILE_INVALID', `tree ${treeIndex} is not a tree: a node is reached twice`);
    }
    nodes[at] = 2 * feature + (tree.defaultLeft[source] ? 0 : 1);
    nodes[at + 2] = start + tail;
    queue[tail] = left;
    queue[tail + 1] = tree.right[source]!;
    depthOf[tail] = depthOf[head]! + 1;
    depthOf[tail + 1] = depthOf[head]! + 1;
    tail += 2;
  }
  return { end: start + tail, depth };
}

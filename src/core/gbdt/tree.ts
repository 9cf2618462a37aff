/**
 * One regression tree in XGBoost's array layout (the `trees[i]` object of its JSON model), so that
 * training, prediction, TreeSHAP and the JSON format share one representation.
 *
 * Node `i` is a leaf when `left[i] === -1`. For a split node, a row goes left when
 * `x[splitFeature[i]] < splitCondition[i]` (compared in float32, as XGBoost does), and to the
 * `defaultLeft[i]` side when the value is missing. For a leaf, `splitCondition[i]` is the leaf value
 * (already multiplied by the learning rate), as in XGBoost's files.
 */
export interface Tree {
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Parent of each node; the root's parent is {@link ROOT_PARENT}. */
  readonly parent: Int32Array;
  readonly splitFeature: Int32Array;
  readonly splitCondition: Float32Array;
  readonly defaultLeft: Uint8Array;
  /** The node's weight before the learning rate (XGBoost's `base_weights`). */
  readonly baseWeight: Float32Array;
  /** Gain of the split at the node; 0 for leaves (XGBoost's `loss_changes`). */
  readonly lossChange: Float32Array;
  /** Sum of hessians of the training rows reaching the node: the node's cover. */
  readonly sumHessian: Float32Array;
}

/** XGBoost marks the root's parent with the largest int32. */
export const ROOT_PARENT = 2147483647;

/** Number of nodes of a tree. */
export function nodeCount(tree: Tree): number {
  return tree.left.length;
}

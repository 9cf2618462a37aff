import { AmlopsError } from '../../errors/index.js';
import type { Tree } from '../tree.js';
import { jsonFields } from './json-fields.js';
import { pairChildren } from './pair-children.js';

/**
 * Reads and checks one `trees[i]` object of an XGBoost model file: every array has `num_nodes`
 * entries, children are in range and form a tree rooted at node 0, parents agree, split features are
 * declared. Categorical splits and vector leaves are refused as MODEL_UNSUPPORTED.
 *
 * @example
 * const tree = readXgboostTree(trees[0], 'learner.gradient_booster.model.trees[0]', 0, 3);
 */
export function readXgboostTree(value: unknown, path: string, index: number, featureCount: number): Tree {
  const json = jsonFields.object(value, path);
  const id = jsonFields.integer(json.id, `${path}.id`, 0);
  if (id !== index) throw new AmlopsError('MODEL_FILE_INVALID', `${path}.id is ${id}; expected ${index}`);
  const param = jsonFields.object(json.tree_param, `${path}.tree_param`);
  const size = jsonFields.intString(param.num_nodes, `${path}.tree_param.num_nodes`, 1, 2 ** 28);
  if (param.size_leaf_vector !== undefined) {
    const leafVector = jsonFields.intString(param.size_leaf_vector, `${path}.tree_param.size_leaf_vector`, 0);
    if (leafVector > 1) {
      throw new AmlopsError(
        'MODEL_UNSUPPORTED',
        `${path} has vector leaves (size_leaf_vector ${leafVector})`,
      );
    }
  }
  refuseCategorical(json, path, size);

  const tree: Tree = {
    left: jsonFields.int32Array(json.left_children, `${path}.left_children`, size),
    right: jsonFields.int32Array(json.right_children, `${path}.right_children`, size),
    parent: jsonFields.int32Array(json.parents, `${path}.parents`, size),
    splitFeature: jsonFields.int32Array(json.split_indices, `${path}.split_indices`, size),
    splitCondition: jsonFields.float32Array(json.split_conditions, `${path}.split_conditions`, size),
    defaultLeft: jsonFields.flagArray(json.default_left, `${path}.default_left`, size),
    baseWeight: jsonFields.float32Array(json.base_weights, `${path}.base_weights`, size),
    lossChange: jsonFields.float32Array(json.loss_changes, `${path}.loss_changes`, size),
    sumHessian: jsonFields.float32Array(json.sum_hessian, `${path}.sum_hessian`, size),
  };
  checkStructure(tree, path, featureCount);
  return pairChildren(tree);
}

function refuseCategorical(json: Record<string, unknown>, path: string, size: number): void {
  if (json.split_type !== undefined) {
    const types = jsonFields.int32Array(json.split_type, `${path}.split_type`, size);
    const at = types.findIndex((t) => t !== 0);
    if (at !== -1) {
      throw new AmlopsError(
        'MODEL_UNSUPPORTED',
        `${path} node ${at} is a categorical split; only numeric splits are supported`,
      );
    }
  }
  for (const key of ['categories', 'categories_nodes', 'categories_segments', 'categories_sizes']) {
    if (json[key] !== undefined && jsonFields.array(json[key], `${path}.${key}`).length > 0) {
      throw new AmlopsError(
        'MODEL_UNSUPPORTED',
        `${path}.${key} is not empty: categorical splits are not supported`,
      );
    }
  }
}

/** Walks from the root: every child in range, reached once, with the right parent; splits on declared features. */
function checkStructure(tree: Tree, path: string, featureCount: number): void {
  const size = tree.left.length;
  const seen = new Uint8Array(size);
  const stack = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const left = tree.left[node]!;
    const right = tree.right[node]!;
    if (left === -1 && right === -1) continue;
    for (const [side, child] of [
      ['left_children', left],
      ['right_children', right],
    ] as const) {
      if (child < 1 || child >= size) {
        throw new AmlopsError(
          'MODEL_FILE_INVALID',
          `${path}.${side}[${node}] is ${child}; a child must be -1 (leaf) or a node index in [1, ${size})`,
        );
      }
      if (seen[child]) {
        throw new AmlopsError(
          'MODEL_FILE_INVALID',
          `${path}: node ${child} is reached twice; the nodes do not form a tree`,
        );
      }
      if (tree.parent[child] !== node) {
        throw new AmlopsError(
          'MODEL_FILE_INVALID',
          `${path}.parents[${child}] is ${tree.parent[child]}; node ${node} lists it as a child`,
        );
      }
      seen[child] = 1;
      stack.push(child);
    }
    const feature = tree.splitFeature[node]!;
    if (feature < 0 || feature >= featureCount) {
      throw new AmlopsError(
        'MODEL_FILE_INVALID',
        `${path}.split_indices[${node}] is ${feature}; the model declares ${featureCount} features (num_feature)`,
      );
    }
  }
}

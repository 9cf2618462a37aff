import type { Booster } from '../booster.js';
import type { Tree } from '../tree.js';
import { formatFloat32 } from './format-float32.js';
import { pairChildren } from './pair-children.js';

/** The XGBoost release whose JSON layout is written (the one Debian ships and the fixtures come from). */
export const XGBOOST_FORMAT_VERSION = [1, 7, 4] as const;

/**
 * Writes a booster in XGBoost 1.7's JSON model format, so that
 * `xgboost.Booster(model_file="m.json")` loads it and scores exactly as amlops does. Trees are
 * renumbered breadth-first when needed, because XGBoost's predictor takes a node's right child to be
 * `left + 1`. Floats are written as the shortest decimal that reads back as the same float32.
 *
 * @example
 * await writeFile('m.json', saveXgboostJson(booster));
 */
export function saveXgboostJson(booster: Booster): string {
  const featureCount = booster.featureNames.length;
  const trees = booster.trees.map((tree, i) => treeJson(pairChildren(tree), i, featureCount));
  const attributes =
    booster.bestIteration === undefined
      ? '{}'
      : `{"best_iteration":"${booster.bestIteration}","best_ntree_limit":"${booster.bestIteration + 1}"}`;
  const scalePosWeight = booster.params?.scale_pos_weight ?? booster.params?.scalePosWeight;
  const objectiveParam = `{"scale_pos_weight":"${typeof scalePosWeight === 'number' ? formatFloat32(scalePosWeight) : '1'}"}`;
  return (
    `{"learner":{"attributes":${attributes},` +
    `"feature_names":${JSON.stringify(booster.featureNames)},` +
    `"feature_types":[],` +
    `"gradient_booster":{"model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"${trees.length}","size_leaf_vector":"0"},` +
    `"tree_info":[${booster.trees.map(() => '0').join(',')}],"trees":[${trees.join(',')}]},"name":"gbtree"},` +
    `"learner_model_param":{"base_score":"${formatFloat32(booster.baseScore)}","boost_from_average":"1",` +
    `"num_class":"0","num_feature":"${featureCount}","num_target":"1"},` +
    `"objective":{"name":"${booster.objective}","reg_loss_param":${objectiveParam}}},` +
    `"version":[${XGBOOST_FORMAT_VERSION.join(',')}]}`
  );
}

function treeJson(tree: Tree, id: number, featureCount: number): string {
  const size = tree.left.length;
  const floats = (values: Float32Array): string => `[${Array.from(values, formatFloat32).join(',')}]`;
  const ints = (values: Int32Array | Uint8Array): string => `[${values.join(',')}]`;
  const splitIndices = Int32Array.from(tree.splitFeature, (f, i) => (tree.left[i] === -1 ? 0 : f));
  return (
    `{"base_weights":${floats(tree.baseWeight)},"categories":[],"categories_nodes":[],` +
    `"categories_segments":[],"categories_sizes":[],"default_left":${ints(tree.defaultLeft)},"id":${id},` +
    `"left_children":${ints(tree.left)},"loss_changes":${floats(tree.lossChange)},"parents":${ints(tree.parent)},` +
    `"right_children":${ints(tree.right)},"split_conditions":${floats(tree.splitCondition)},` +
    `"split_indices":${ints(splitIndices)},"split_type":${ints(new Uint8Array(size))},` +
    `"sum_hessian":${floats(tree.sumHessian)},` +
    `"tree_param":{"num_deleted":"0","num_feature":"${featureCount}","num_nodes":"${size}","size_leaf_vector":"0"}}`
  );
}

import { AmlopsError } from '../core/errors/index.js';
import type { Booster } from '../core/gbdt/booster.js';
import type { Tree } from '../core/gbdt/tree.js';

/**
 * The same booster with its features in another order: the feature names permuted and every split's
 * feature index renumbered, so that it scores a row laid out in the new order exactly as the
 * original scored the row in its own order. `order` must be a permutation of the booster's names.
 *
 * @example
 * const sorted = reorderBoosterFeatures(booster, [...booster.featureNames].sort());
 */
export function reorderBoosterFeatures(booster: Booster, order: readonly string[]): Booster {
  const from = booster.featureNames;
  const position = new Map(order.map((name, i) => [name, i]));
  if (
    order.length !== from.length ||
    position.size !== order.length ||
    from.some((name) => !position.has(name))
  )
    throw new AmlopsError(
      'MODEL_FILE_INVALID',
      `feature order ${JSON.stringify(order)} is not a permutation of the model's features ${JSON.stringify(from)}`,
    );
  if (from.every((name, i) => order[i] === name)) return booster;
  const remap = Int32Array.from(from, (name) => position.get(name)!);
  return { ...booster, featureNames: [...order], trees: booster.trees.map((tree) => renumber(tree, remap)) };
}

function renumber(tree: Tree, remap: Int32Array): Tree {
  const splitFeature = tree.splitFeature.slice();
  for (let node = 0; node < splitFeature.length; node++)
    if (tree.left[node] !== -1) splitFeature[node] = remap[splitFeature[node]!]!;
  return { ...tree, splitFeature };
}

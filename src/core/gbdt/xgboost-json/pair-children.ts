import { AmlopsError } from '../../errors/index.js';
import { ROOT_PARENT, type Tree } from '../tree.js';

/**
 * The tree with every node reachable from the root and each right child numbered `left + 1`, the
 * layout XGBoost's predictor assumes (it computes the right child as `LeftChild() + 1`). Returns
 * the tree itself when it already has that layout; otherwise a copy renumbered breadth-first
 * (unreachable nodes, such as XGBoost's deleted ones, are dropped). The tree must be acyclic.
 *
 * @example
 * const saved = pairChildren(trainedTree); // safe to write into an XGBoost model file
 */
export function pairChildren(tree: Tree): Tree {
  const size = tree.left.length;
  const order = new Int32Array(size);
  let tail = 1;
  let paired = true;
  for (let head = 0; head < tail; head++) {
    const node = order[head]!;
    const left = tree.left[node]!;
    if (left === -1) continue;
    if (tail + 2 > size)
      throw new AmlopsError('INTERNAL', `pairChildren: node ${node} makes the tree cyclic`);
    order[tail] = left;
    order[tail + 1] = tree.right[node]!;
    if (tree.right[node] !== left + 1) paired = false;
    tail += 2;
  }
  if (paired && tail === size) return tree;

  const newId = new Int32Array(size).fill(-1);
  for (let i = 0; i < tail; i++) newId[order[i]!] = i;
  const copy = {
    left: new Int32Array(tail),
    right: new Int32Array(tail),
    parent: new Int32Array(tail),
    splitFeature: new Int32Array(tail),
    splitCondition: new Float32Array(tail),
    defaultLeft: new Uint8Array(tail),
    baseWeight: new Float32Array(tail),
    lossChange: new Float32Array(tail),
    sumHessian: new Float32Array(tail),
  };
  copy.parent[0] = ROOT_PARENT;
  for (let i = 0; i < tail; i++) {
    const old = order[i]!;
    const left = tree.left[old]!;
    copy.left[i] = left === -1 ? -1 : newId[left]!;
    copy.right[i] = left === -1 ? -1 : newId[tree.right[old]!]!;
    if (left !== -1) {
      copy.parent[copy.left[i]!] = i;
      copy.parent[copy.right[i]!] = i;
    }
    copy.splitFeature[i] = tree.splitFeature[old]!;
    copy.splitCondition[i] = tree.splitCondition[old]!;
    copy.defaultLeft[i] = tree.defaultLeft[old]!;
    copy.baseWeight[i] = tree.baseWeight[old]!;
    copy.lossChange[i] = tree.lossChange[old]!;
    copy.sumHessian[i] = tree.sumHessian[old]!;
  }
  return copy;
}

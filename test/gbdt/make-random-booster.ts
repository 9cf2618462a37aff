import type { Booster } from '../../src/core/gbdt/booster.js';
import type { FeatureMatrix } from '../../src/core/gbdt/feature-matrix.js';
import { ROOT_PARENT, type Tree } from '../../src/core/gbdt/tree.js';
import { Rng } from '../../src/core/random/index.js';

/**
 * A hand-built booster with XGBoost-consistent statistics (cover of a node = sum of its children's),
 * random shapes up to `depth`, splits on quantiles of standard normal features, random default
 * directions. Node ids are deliberately not breadth-first when `shuffleIds` is set.
 */
export function makeRandomBooster(options: {
  seed: number;
  trees: number;
  depth: number;
  features: number;
  fullTrees?: boolean;
  baseScore?: number;
  shuffleIds?: boolean;
  bestIteration?: number;
}): Booster {
  const rng = new Rng(options.seed);
  const trees: Tree[] = [];
  for (let t = 0; t < options.trees; t++) trees.push(makeTree(rng, options));
  return {
    objective: 'binary:logistic',
    baseScore: options.baseScore ?? 0.5,
    featureNames: Array.from({ length: options.features }, (_, i) => `x${i}`),
    trees,
    ...(options.bestIteration === undefined ? {} : { bestIteration: options.bestIteration }),
  };
}

interface Draft {
  feature: number;
  threshold: number;
  defaultLeft: boolean;
  leaf: number;
  cover: number;
  gain: number;
  children?: [Draft, Draft];
}

function makeTree(
  rng: Rng,
  options: { depth: number; features: number; fullTrees?: boolean; shuffleIds?: boolean },
): Tree {
  const grow = (depth: number, cover: number): Draft => {
    const draft: Draft = {
      feature: rng.nextInt(options.features),
      threshold: Math.fround(rng.normal()),
      defaultLeft: rng.next() < 0.5,
      leaf: Math.fround((rng.next() - 0.5) * 0.4),
      cover: Math.fround(cover),
      gain: Math.fround(rng.next() * 10),
    };
    const split = depth < options.depth && (options.fullTrees || depth === 0 || rng.next() < 0.8);
    if (split) {
      const share = 0.2 + 0.6 * rng.next();
      draft.children = [grow(depth + 1, cover * share), grow(depth + 1, cover * (1 - share))];
    }
    return draft;
  };
  const root = grow(0, 100 + rng.next() * 1000);
  const order: Draft[] = [];
  const walk = (d: Draft): void => {
    order.push(d);
    if (d.children) {
      walk(d.children[0]);
      walk(d.children[1]);
    }
  };
  walk(root);
  if (options.shuffleIds) {
    const rest = order.slice(1);
    rng.shuffle(rest);
    order.splice(1, rest.length, ...rest);
  }
  const id = new Map(order.map((d, i) => [d, i]));
  const n = order.length;
  const tree = {
    left: new Int32Array(n),
    right: new Int32Array(n),
    parent: new Int32Array(n),
    splitFeature: new Int32Array(n),
    splitCondition: new Float32Array(n),
    defaultLeft: new Uint8Array(n),
    baseWeight: new Float32Array(n),
    lossChange: new Float32Array(n),
    sumHessian: new Float32Array(n),
  };
  tree.parent[0] = ROOT_PARENT;
  order.forEach((d, i) => {
    tree.sumHessian[i] = d.cover;
    tree.baseWeight[i] = d.leaf * 10;
    if (d.children) {
      const [l, r] = d.children;
      tree.left[i] = id.get(l)!;
      tree.right[i] = id.get(r)!;
      tree.parent[id.get(l)!] = i;
      tree.parent[id.get(r)!] = i;
      tree.splitFeature[i] = d.feature;
      tree.splitCondition[i] = d.threshold;
      tree.defaultLeft[i] = d.defaultLeft ? 1 : 0;
      tree.lossChange[i] = d.gain;
    } else {
      tree.left[i] = -1;
      tree.right[i] = -1;
      tree.splitCondition[i] = d.leaf;
    }
  });
  return tree;
}

/** Standard normal features with a share of missing values, column-major as the engine takes them. */
export function makeRandomMatrix(
  seed: number,
  rows: number,
  features: number,
  missingShare = 0.05,
): FeatureMatrix {
  const rng = new Rng(seed);
  const columns = Array.from({ length: features }, () => {
    const column = new Float32Array(rows);
    for (let r = 0; r < rows; r++) column[r] = rng.next() < missingShare ? Number.NaN : rng.normal();
    return column;
  });
  return { rowCount: rows, featureNames: Array.from({ length: features }, (_, i) => `x${i}`), columns };
}

/** Row `r` of a matrix as a Float32Array. */
export function matrixRow(matrix: FeatureMatrix, r: number): Float32Array {
  return Float32Array.from(matrix.columns, (c) => c[r]!);
}

import { describe, expect, it } from 'vitest';
import { makeRandomBooster, makeRandomMatrix, matrixRow } from '../../../test/gbdt/make-random-booster.js';
import type { Booster } from './booster.js';
import { baseMargin } from './predictor/base-margin.js';
import { packEnsemble } from './predictor/packed-ensemble.js';
import { predictRowMargin } from './predictor/predict-row.js';
import type { Tree } from './tree.js';
import { createTreeShapExplainer, explainBatch, explainRow } from './tree-shap.js';

/** E[f(x) | x_S] as path-dependent TreeSHAP defines it: follow x on S, else average children by cover. */
function conditional(tree: Tree, x: Float32Array, known: number, node = 0): number {
  if (tree.left[node] === -1) return tree.splitCondition[node]!;
  const f = tree.splitFeature[node]!;
  const [l, r] = [tree.left[node]!, tree.right[node]!];
  if (known & (1 << f)) {
    const v = x[f]!;
    const left = Number.isNaN(v) ? tree.defaultLeft[node] === 1 : v < tree.splitCondition[node]!;
    return conditional(tree, x, known, left ? l : r);
  }
  const [cl, cr] = [tree.sumHessian[l]!, tree.sumHessian[r]!];
  return (cl * conditional(tree, x, known, l) + cr * conditional(tree, x, known, r)) / tree.sumHessian[node]!;
}

/** Exact Shapley values by enumerating every subset of features (fine for a handful of features). */
function bruteForceShap(b: Booster, x: Float32Array): number[] {
  const m = b.featureNames.length;
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const value = (known: number): number =>
    b.trees.reduce((sum, tree) => sum + conditional(tree, x, known), 0);
  const phi = new Array<number>(m + 1).fill(0);
  for (let i = 0; i < m; i++) {
    for (let s = 0; s < 1 << m; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let k = 0; k < m; k++) if (s & (1 << k)) size++;
      const weight = (factorial(size) * factorial(m - size - 1)) / factorial(m);
      phi[i]! += weight * (value(s | (1 << i)) - value(s));
    }
  }
  phi[m] = value(0) + baseMargin(b);
  return phi;
}

describe('TreeSHAP', () => {
  const booster = makeRandomBooster({
    seed: 12,
    trees: 6,
    depth: 5,
    features: 4,
    baseScore: 0.3,
    shuffleIds: true,
  });
  const matrix = makeRandomMatrix(13, 40, 4, 0.2);

  it('gives the exact Shapley values of the path-dependent conditional expectation', () => {
    const explainer = createTreeShapExplainer(booster);
    const phi = new Float64Array(5);
    for (let r = 0; r < matrix.rowCount; r++) {
      const row = matrixRow(matrix, r);
      explainRow(explainer, row, phi);
      const expected = bruteForceShap(booster, row);
      for (let i = 0; i < expected.length; i++) expect(phi[i]).toBeCloseTo(expected[i]!, 4);
    }
  });

  it('sums to the margin, row by row and in a batch', () => {
    const packed = packEnsemble(booster);
    const explainer = createTreeShapExplainer(booster);
    const batch = new Float64Array(matrix.rowCount * 5);
    explainBatch(explainer, matrix, batch);
    for (let r = 0; r < matrix.rowCount; r++) {
      const total = batch.subarray(r * 5, r * 5 + 5).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(predictRowMargin(packed, matrixRow(matrix, r)), 4);
    }
  });

  it('explains only the trees scored: [0, bestIteration] by default', () => {
    const early = { ...booster, bestIteration: 2 };
    const phi = new Float64Array(5);
    explainRow(createTreeShapExplainer(early), matrixRow(matrix, 0), phi);
    const total = phi.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(predictRowMargin(packEnsemble(early), matrixRow(matrix, 0)), 4);
    expect(() => createTreeShapExplainer(booster, { treeLimit: 7 })).toThrow(/treeLimit/);
  });

  it('refuses rows and outputs of the wrong size', () => {
    const explainer = createTreeShapExplainer(booster);
    expect(() => explainRow(explainer, [1, 2, 3], new Float64Array(5))).toThrow(/a row needs 4 features/);
    expect(() => explainRow(explainer, [1, 2, 3, 4], new Float64Array(4))).toThrow(
      /the output needs 5 values/,
    );
    expect(() => explainBatch(explainer, matrix, new Float64Array(10))).toThrow(/do not fit/);
  });
});

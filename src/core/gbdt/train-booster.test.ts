import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/support/error-of.js';
import { rocAuc } from '../evaluate/roc-auc.js';
import { Rng } from '../random/rng.js';
import type { Booster } from './booster.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { logisticTestData, treeBytes } from './logistic-test-data.js';
import { binMatrix, trainBooster } from './train-booster.js';
import { addTreeMargins } from './tree-margins.js';

function matrixOf(...columns: number[][]): FeatureMatrix {
  return {
    rowCount: columns[0]!.length,
    featureNames: columns.map((_, i) => `x${i}`),
    columns: columns.map((c) => Float32Array.from(c)),
  };
}

function probabilities(booster: Booster, matrix: FeatureMatrix): Float64Array {
  const margins = new Float32Array(matrix.rowCount).fill(-Math.log(1 / booster.baseScore - 1));
  for (const tree of booster.trees) addTreeMargins(tree, matrix, margins);
  return Float64Array.from(margins, (m) => 1 / (1 + Math.exp(-m)));
}

describe('trainBooster on hand-checkable data', () => {
  it('splits where the labels change, with the gain and leaf values of the formulas', () => {
    const matrix = matrixOf([1, 2, 3, 4]);
    const labels = Float32Array.of(0, 0, 1, 1);
    const { booster } = trainBooster(matrix, labels, { n_estimators: 1, max_depth: 1, min_child_weight: 0 });
    const [tree] = booster.trees;
    // At margin 0: p = 0.5, gradients p - y = ±0.5, hessians 0.25. Left (x < 3): G = 1, H = 0.5.
    expect(Array.from(tree!.left)).toEqual([1, -1, -1]);
    expect(tree!.splitFeature[0]).toBe(0);
    expect(tree!.splitCondition[0]).toBe(3);
    expect(tree!.lossChange[0]).toBe(Math.fround(1 / 1.5 + 1 / 1.5));
    expect(tree!.baseWeight[1]).toBe(Math.fround(-1 / 1.5));
    expect(tree!.splitCondition[1]).toBe(Math.fround(Math.fround(-1 / 1.5) * Math.fround(0.3)));
    expect(tree!.splitCondition[2]).toBe(Math.fround(Math.fround(1 / 1.5) * Math.fround(0.3)));
    expect(Array.from(tree!.sumHessian)).toEqual([1, 0.5, 0.5]);
    expect(tree!.parent[1]).toBe(0);
  });

  it('learns the default direction of missing values', () => {
    // Missing rows are negatives like the small values: they should go left with them.
    const x = [1, 2, 3, 4, Number.NaN, Number.NaN];
    const labels = Float32Array.of(0, 0, 1, 1, 0, 0);
    const { booster } = trainBooster(matrixOf(x), labels, {
      n_estimators: 1,
      max_depth: 1,
      min_child_weight: 0,
    });
    expect(booster.trees[0]!.defaultLeft[0]).toBe(1);
    expect(booster.trees[0]!.splitCondition[0]).toBe(3);
    const { booster: right } = trainBooster(matrixOf(x), Float32Array.of(0, 0, 1, 1, 1, 1), {
      n_estimators: 1,
      max_depth: 1,
      min_child_weight: 0,
    });
    expect(right.trees[0]!.defaultLeft[0]).toBe(0);
  });

  it('regularises: reg_lambda shrinks leaves, reg_alpha thresholds them, gamma and min_child_weight prevent splits', () => {
    const matrix = matrixOf([1, 2, 3, 4]);
    const labels = Float32Array.of(0, 0, 1, 1);
    const leaf = (params: object) =>
      trainBooster(matrix, labels, { n_estimators: 1, max_depth: 1, min_child_weight: 0, ...params }).booster
        .trees[0]!;
    expect(Math.abs(leaf({ reg_lambda: 10 }).baseWeight[1]!)).toBeCloseTo(1 / 10.5, 6);
    expect(Math.abs(leaf({ reg_alpha: 0.5 }).baseWeight[1]!)).toBeCloseTo(0.5 / 1.5, 6);
    expect(leaf({ gamma: 2 }).left.length).toBe(1);
    expect(leaf({ gamma: 1 }).left.length).toBe(3);
    expect(leaf({ min_child_weight: 0.6 }).left.length).toBe(1);
  });

  it('grows a single leaf when no split helps', () => {
    const { booster } = trainBooster(matrixOf([1, 1, 1, 1]), Float32Array.of(0, 1, 0, 1), {
      n_estimators: 2,
    });
    expect(booster.trees.map((t) => t.left.length)).toEqual([1, 1]);
  });

  it('weighs positives by scale_pos_weight', () => {
    const matrix = matrixOf([1, 1, 1, 1]);
    const labels = Float32Array.of(0, 0, 0, 1);
    const leaf = (w: number) =>
      trainBooster(matrix, labels, { n_estimators: 1, min_child_weight: 0, scale_pos_weight: w }).booster
        .trees[0]!.baseWeight[0]!;
    // G = 3 * 0.5 - 0.5 * w, H = 3 * 0.25 + 0.25 * w.
    expect(leaf(1)).toBeCloseTo(-1 / 2, 6);
    expect(leaf(3)).toBeCloseTo(0, 6);
  });

  it('fits reg:squarederror', () => {
    const x = Array.from({ length: 200 }, (_, i) => i);
    const labels = Float32Array.from(x, (v) => (v < 100 ? 1 : 5));
    const { booster } = trainBooster(matrixOf(x), labels, {
      objective: 'reg:squarederror',
      n_estimators: 30,
      base_score: 0,
    });
    const margins = new Float32Array(200);
    for (const tree of booster.trees) addTreeMargins(tree, matrixOf(x), margins);
    expect(margins[10]).toBeCloseTo(1, 3);
    expect(margins[150]).toBeCloseTo(5, 3);
  });
});

describe('trainBooster on generated data', () => {
  const train = logisticTestData(20_000, 1);
  const test = logisticTestData(10_000, 2);

  it('reaches a test ROC AUC close to the best achievable', () => {
    const { booster } = trainBooster(train.matrix, train.labels, {
      n_estimators: 50,
      max_depth: 4,
      learning_rate: 0.1,
    });
    const best = rocAuc(test.probability, test.labels);
    const auc = rocAuc(probabilities(booster, test.matrix), test.labels);
    expect(auc).toBeGreaterThan(best - 0.01);
    expect(auc).toBeLessThan(best + 0.01);
  });

  it('gives the same booster byte for byte for the same data, parameters and seed', () => {
    const params = { n_estimators: 10, subsample: 0.7, colsample_bytree: 0.67, seed: 5 };
    const a = trainBooster(train.matrix, train.labels, params).booster;
    const b = trainBooster(train.matrix, train.labels, params).booster;
    expect(Buffer.from(treeBytes(a)).equals(Buffer.from(treeBytes(b)))).toBe(true);
    const c = trainBooster(train.matrix, train.labels, { ...params, seed: 6 }).booster;
    expect(Buffer.from(treeBytes(a)).equals(Buffer.from(treeBytes(c)))).toBe(false);
  });

  it('samples features per tree with colsample_bytree', () => {
    const { booster } = trainBooster(train.matrix, train.labels, {
      n_estimators: 10,
      colsample_bytree: 0.34,
    });
    for (const tree of booster.trees) {
      const used = new Set<number>();
      tree.left.forEach((l, i) => {
        if (l !== -1) used.add(tree.splitFeature[i]!);
      });
      expect(used.size).toBeLessThanOrEqual(1);
    }
  });

  it('limits leaves with lossguide growth and max_leaves', () => {
    const { booster } = trainBooster(train.matrix, train.labels, {
      n_estimators: 3,
      grow_policy: 'lossguide',
      max_leaves: 5,
      max_depth: 0,
    });
    for (const tree of booster.trees) expect(tree.left.filter((l) => l === -1).length).toBe(5);
  });

  it('keeps the trees up to the best iteration with early stopping', () => {
    const small = logisticTestData(2000, 3);
    const result = trainBooster(
      small.matrix,
      small.labels,
      {
        n_estimators: 200,
        learning_rate: 0.5,
        max_depth: 6,
        early_stopping_rounds: 5,
        eval_metric: 'logloss',
      },
      { evalSets: [{ name: 'validation_0', matrix: test.matrix, labels: test.labels }] },
    );
    const history = result.evaluationHistory.validation_0!.logloss!;
    const best = result.bestIteration!;
    expect(history.length).toBeLessThan(200);
    expect(history.length).toBe(best + 6);
    expect(Math.min(...history)).toBe(history[best]);
    expect(result.booster.trees.length).toBe(best + 1);
    expect(result.booster.bestIteration).toBe(best);
    expect(result.bestScore).toBe(history[best]);
  });

  it('scores evaluation sets with auc after each tree', () => {
    const scores: number[] = [];
    const { evaluationHistory } = trainBooster(
      train.matrix,
      train.labels,
      { n_estimators: 5, eval_metric: 'auc' },
      {
        evalSets: [{ name: 'test', matrix: test.matrix, labels: test.labels }],
        onIteration: (_, s) => scores.push(s.test!),
      },
    );
    expect(evaluationHistory.test!.auc).toEqual(scores);
    expect(scores[4]).toBeGreaterThan(0.7);
  });
});

describe('trainBooster refuses data it cannot use', () => {
  const labels = Float32Array.of(0, 1, 0);
  it.each([
    ['an empty training set', () => trainBooster(matrixOf([]), new Float32Array(0)), 'empty'],
    [
      'a column of the wrong length',
      () =>
        trainBooster(
          {
            rowCount: 3,
            featureNames: ['x', 'y'],
            columns: [Float32Array.of(1, 2, 3), Float32Array.of(1, 2)],
          },
          labels,
        ),
      "column 'y'",
    ],
    ['labels of the wrong length', () => trainBooster(matrixOf([1, 2, 3]), Float32Array.of(0, 1)), 'labels'],
    [
      'a non-finite label',
      () => trainBooster(matrixOf([1, 2, 3]), Float32Array.of(0, Number.NaN, 1)),
      'non-finite value (NaN) at row 1',
    ],
    [
      'a label outside {0, 1}',
      () => trainBooster(matrixOf([1, 2, 3]), Float32Array.of(0, 2, 1)),
      'must be 0 or 1 for binary:logistic; got 2 at row 1',
    ],
    [
      'an infinite feature value',
      () => trainBooster(matrixOf([1, Number.POSITIVE_INFINITY, 3]), labels),
      "column 'x0'",
    ],
    [
      'feature names not matching the columns',
      () => trainBooster({ rowCount: 3, featureNames: ['x'], columns: [] }, labels),
      'no feature columns',
    ],
  ])('%s', (_, train, message) => {
    const error = errorOf(train);
    expect(error.code).toBe('MODEL_TRAINING_DATA_INVALID');
    expect(error.message).toContain(message);
  });

  it('an evaluation set with other features', () => {
    const error = errorOf(() =>
      trainBooster(
        matrixOf([1, 2, 3]),
        labels,
        {},
        {
          evalSets: [
            {
              name: 'valid',
              matrix: { rowCount: 3, featureNames: ['z'], columns: [Float32Array.of(1, 2, 3)] },
              labels,
            },
          ],
        },
      ),
    );
    expect(error.code).toBe('MODEL_TRAINING_DATA_INVALID');
    expect(error.message).toContain("evaluation set 'valid'");
  });

  it('a parameter out of range, before looking at the data', () => {
    expect(errorOf(() => trainBooster(matrixOf([]), new Float32Array(0), { max_depth: 0 })).code).toBe(
      'MODEL_PARAM_INVALID',
    );
  });
});

describe('trainBooster on a matrix binned beforehand', () => {
  const rows = 3000;
  const rng = new Rng(11);
  const x = Float32Array.from({ length: rows }, () => rng.next() * 100);
  const z = Float32Array.from({ length: rows }, () => (rng.next() < 0.1 ? Number.NaN : rng.next()));
  const y = Float32Array.from({ length: rows }, (_, i) => (x[i]! + 30 * (z[i]! || 0) > 70 ? 1 : 0));
  const m = { rowCount: rows, featureNames: ['x', 'z'], columns: [x, z] };

  it('grows the same trees as binning inside the training', () => {
    const params = { n_estimators: 8, max_depth: 4, max_bin: 64 };
    const binned = binMatrix(m, 64, 0);
    expect(trainBooster(m, y, params, { binned }).booster).toEqual(trainBooster(m, y, params).booster);
  });

  it('refuses bins made with another max_bin', () => {
    expect(() => trainBooster(m, y, { max_bin: 32 }, { binned: binMatrix(m, 64, 0) })).toThrow(
      /binned with max_bin 64 and seed 0; these parameters ask for 32 and 0/,
    );
  });
});

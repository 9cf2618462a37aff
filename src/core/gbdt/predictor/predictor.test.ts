import { describe, expect, it } from 'vitest';
import { makeRandomBooster, makeRandomMatrix, matrixRow } from '../../../../test/gbdt/make-random-booster.js';
import { AmlopsError } from '../../errors/index.js';
import type { Booster } from '../booster.js';
import { ROOT_PARENT, type Tree } from '../tree.js';
import { baseMargin } from './base-margin.js';
import { marginToOutput } from './margin-to-output.js';
import { packEnsemble } from './packed-ensemble.js';
import { predictBatchMargin, predictBatchProbability } from './predict-batch.js';
import { predictRowMargin, predictRowProbability } from './predict-row.js';

/** One split on feature 0 at 0.5 (float32), default direction as given, leaves -1 and +2. */
function stump(defaultLeft: boolean, threshold = 0.5): Tree {
  return {
    left: Int32Array.of(1, -1, -1),
    right: Int32Array.of(2, -1, -1),
    parent: Int32Array.of(ROOT_PARENT, 0, 0),
    splitFeature: Int32Array.of(0, 0, 0),
    splitCondition: Float32Array.of(threshold, -1, 2),
    defaultLeft: Uint8Array.of(defaultLeft ? 1 : 0, 0, 0),
    baseWeight: new Float32Array(3),
    lossChange: Float32Array.of(1, 0, 0),
    sumHessian: Float32Array.of(10, 4, 6),
  };
}

const booster = (trees: Tree[], extra: Partial<Booster> = {}): Booster => ({
  objective: 'binary:logistic',
  baseScore: 0.5,
  featureNames: ['a', 'b'],
  trees,
  ...extra,
});

/** The reference: walk each tree of the Booster itself, float32 sums from the base margin. */
function naiveMargin(b: Booster, row: Float32Array, limit = b.trees.length): number {
  let sum = baseMargin(b);
  for (const tree of b.trees.slice(0, limit)) {
    let node = 0;
    while (tree.left[node] !== -1) {
      const v = row[tree.splitFeature[node]!]!;
      const left = Number.isNaN(v) ? tree.defaultLeft[node] === 1 : v < tree.splitCondition[node]!;
      node = left ? tree.left[node]! : tree.right[node]!;
    }
    sum = Math.fround(sum + tree.splitCondition[node]!);
  }
  return sum;
}

describe('the predictor', () => {
  it('goes left when value < threshold in float32, right when equal, and sends missing values the default way', () => {
    const packed = packEnsemble(booster([stump(true), stump(false)]));
    expect(predictRowMargin(packed, [0.4, 0])).toBe(-2);
    expect(predictRowMargin(packed, [0.5, 0])).toBe(4);
    expect(predictRowMargin(packed, [Number.NaN, 0])).toBe(1); // left (-1) then right (+2)
    // 0.1 is not a float32: the threshold is fround(0.1), and a row value of 0.1 rounds to the same.
    const tenth = packEnsemble(booster([stump(true, 0.1)]));
    expect(predictRowMargin(tenth, [0.1, 0])).toBe(2);
    expect(predictRowMargin(tenth, Float32Array.of(0.1, 0))).toBe(2);
    expect(predictRowMargin(tenth, [0.09999999, 0])).toBe(-1);
  });

  it('starts from base_score turned into a margin, and applies the sigmoid for probabilities', () => {
    const packed = packEnsemble(booster([stump(true)], { baseScore: 0.2 }));
    const base = Math.fround(-Math.log(Math.fround(Math.fround(1 / Math.fround(0.2)) - 1)));
    expect(predictRowMargin(packed, [0, 0])).toBe(Math.fround(base - 1));
    expect(predictRowProbability(packed, [0, 0])).toBeCloseTo(1 / (1 + Math.exp(-(base - 1))), 6);
    expect(marginToOutput('reg:squarederror', 3.5)).toBe(3.5);
    expect(baseMargin({ objective: 'reg:squarederror', baseScore: 3.5 })).toBe(3.5);
  });

  it('scores rows and batches the same as a direct walk of the trees, whatever the node numbering', () => {
    for (const shuffleIds of [false, true]) {
      const b = makeRandomBooster({
        seed: 21,
        trees: 25,
        depth: 7,
        features: 6,
        baseScore: 0.35,
        shuffleIds,
      });
      const packed = packEnsemble(b);
      const matrix = makeRandomMatrix(5, 1003, 6, 0.2);
      const batch = new Float64Array(matrix.rowCount);
      predictBatchMargin(packed, matrix, batch);
      for (let r = 0; r < matrix.rowCount; r++) {
        const row = matrixRow(matrix, r);
        const expected = naiveMargin(b, row);
        expect(predictRowMargin(packed, row)).toBe(expected);
        expect(predictRowMargin(packed, Array.from(row))).toBe(expected);
        expect(batch[r]).toBe(expected);
      }
    }
  });

  it('scores a row range into the same positions of the output, in margins or probabilities', () => {
    const b = makeRandomBooster({ seed: 3, trees: 10, depth: 4, features: 3 });
    const packed = packEnsemble(b);
    const matrix = makeRandomMatrix(8, 600, 3);
    const all = new Float64Array(600);
    predictBatchProbability(packed, matrix, all);
    const part = new Float32Array(600).fill(-7);
    predictBatchProbability(packed, matrix, part, { start: 257, end: 590 });
    expect(part[256]).toBe(-7);
    expect(part[590]).toBe(-7);
    for (let r = 257; r < 590; r++) expect(part[r]).toBe(Math.fround(all[r]!));
  });

  it('uses trees [0, bestIteration] unless told how many trees to use', () => {
    const b = makeRandomBooster({ seed: 4, trees: 12, depth: 3, features: 2, bestIteration: 6 });
    const row = Float32Array.of(0.3, -1.2);
    expect(packEnsemble(b).treeCount).toBe(7);
    expect(predictRowMargin(packEnsemble(b), row)).toBe(naiveMargin(b, row, 7));
    expect(predictRowMargin(packEnsemble(b, { treeLimit: 12 }), row)).toBe(naiveMargin(b, row, 12));
    expect(() => packEnsemble(b, { treeLimit: 13 })).toThrow(/treeLimit must be an integer between 0 and/);
  });

  it('refuses rows, matrices and outputs of the wrong size with DATA_INVALID', () => {
    const packed = packEnsemble(makeRandomBooster({ seed: 5, trees: 2, depth: 2, features: 3 }));
    const code = (fn: () => void): string | undefined => {
      try {
        fn();
      } catch (error) {
        return (error as AmlopsError).code;
      }
      return undefined;
    };
    expect(code(() => predictRowMargin(packed, [1, 2]))).toBe('DATA_INVALID');
    const matrix = makeRandomMatrix(1, 10, 3);
    expect(code(() => predictBatchMargin(packed, matrix, new Float64Array(9)))).toBe('DATA_INVALID');
    expect(code(() => predictBatchMargin(packed, makeRandomMatrix(1, 10, 2), new Float64Array(10)))).toBe(
      'DATA_INVALID',
    );
    expect(code(() => predictBatchMargin(packed, matrix, new Float64Array(10), { start: 5, end: 11 }))).toBe(
      'DATA_INVALID',
    );
    expect(() => predictRowMargin(packed, [1, 2])).toThrow(AmlopsError);
  });

  it('refuses a tree that splits on a feature the booster does not declare', () => {
    const tree = stump(true);
    tree.splitFeature[0] = 2;
    expect(() => packEnsemble(booster([tree]))).toThrow(/splits on feature 2; the model declares 2/);
  });
});

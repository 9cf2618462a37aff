import { describe, expect, it } from 'vitest';
import type { Booster } from './booster.js';
import { featureImportance } from './feature-importance.js';
import { ROOT_PARENT, type Tree } from './tree.js';

/** Root splits on feature 0 (gain 10, cover 8); its right child splits on feature 2 (gain 4, cover 3). */
const tree: Tree = {
  left: Int32Array.of(1, -1, 3, -1, -1),
  right: Int32Array.of(2, -1, 4, -1, -1),
  parent: Int32Array.of(ROOT_PARENT, 0, 0, 2, 2),
  splitFeature: Int32Array.of(0, 0, 2, 0, 0),
  splitCondition: Float32Array.of(1, 0.1, 2, 0.2, 0.3),
  defaultLeft: new Uint8Array(5),
  baseWeight: new Float32Array(5),
  lossChange: Float32Array.of(10, 0, 4, 0, 0),
  sumHessian: Float32Array.of(8, 5, 3, 1, 2),
};
/** A second tree that splits on feature 0 only (gain 2, cover 6). */
const stump: Tree = {
  ...tree,
  left: Int32Array.of(1, -1, -1),
  right: Int32Array.of(2, -1, -1),
  parent: Int32Array.of(ROOT_PARENT, 0, 0),
  splitFeature: Int32Array.of(0, 0, 0),
  lossChange: Float32Array.of(2, 0, 0),
  sumHessian: Float32Array.of(6, 3, 3),
};
const booster: Booster = {
  objective: 'binary:logistic',
  baseScore: 0.5,
  featureNames: ['a', 'b', 'c'],
  trees: [tree, stump],
};

describe('featureImportance (XGBoost get_score semantics)', () => {
  it.each([
    ['weight', { a: 2, c: 1 }],
    ['total_gain', { a: 12, c: 4 }],
    ['gain', { a: 6, c: 4 }],
    ['total_cover', { a: 14, c: 3 }],
    ['cover', { a: 7, c: 3 }],
  ] as const)('%s', (type, expected) => {
    expect(featureImportance(booster, type)).toEqual(expected);
  });

  it('defaults to weight, leaves out features never split on, and refuses unknown types', () => {
    expect(featureImportance(booster)).toEqual({ a: 2, c: 1 });
    expect(() => featureImportance(booster, 'split' as never)).toThrow(/importance type split/);
  });
});

import { describe, expect, it } from 'vitest';
import { makeRandomBooster } from '../../../../test/gbdt/make-random-booster.js';
import { AmlopsError } from '../../errors/index.js';
import type { Booster } from '../booster.js';
import { packEnsemble } from '../predictor/packed-ensemble.js';
import { predictRowMargin } from '../predictor/predict-row.js';
import { loadXgboostJson } from './load-xgboost-json.js';
import { saveXgboostJson } from './save-xgboost-json.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests mutate arbitrary parts of a parsed model file
type Json = Record<string, any>;

const booster: Booster = makeRandomBooster({
  seed: 1,
  trees: 3,
  depth: 3,
  features: 4,
  baseScore: 0.25,
  bestIteration: 1,
});
const valid = (): Json => JSON.parse(saveXgboostJson(booster)) as Json;
const tree0 = (model: Json): Json => model.learner.gradient_booster.model.trees[0];

function refusal(model: Json | string): AmlopsError {
  try {
    loadXgboostJson(typeof model === 'string' ? model : JSON.stringify(model));
  } catch (error) {
    expect(error).toBeInstanceOf(AmlopsError);
    return error as AmlopsError;
  }
  throw new Error('the model was accepted');
}

describe('loadXgboostJson', () => {
  it('reads back what saveXgboostJson wrote: same scores, names, base score and best iteration', () => {
    const loaded = loadXgboostJson(saveXgboostJson(booster));
    expect(loaded.featureNames).toEqual(booster.featureNames);
    expect(loaded.baseScore).toBe(Math.fround(0.25));
    expect(loaded.bestIteration).toBe(1);
    const a = packEnsemble(booster, { treeLimit: 3 });
    const b = packEnsemble(loaded, { treeLimit: 3 });
    for (const row of [
      [0, 0, 0, 0],
      [1, -1, Number.NaN, 2],
      [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
    ]) {
      expect(predictRowMargin(b, row)).toBe(predictRowMargin(a, row));
    }
    expect(saveXgboostJson(loaded)).toBe(saveXgboostJson(booster));
  });

  it.each([
    ['not JSON', '{"learner": ', /not valid JSON/],
    ['a JSON array', '[]', /the model file must be an object/],
  ])('refuses a file that is %s', (_, text, message) => {
    const error = refusal(text);
    expect(error.code).toBe('MODEL_FILE_INVALID');
    expect(error.message).toMatch(message);
  });

  it.each<[string, (m: Json) => void, RegExp]>([
    ['a missing learner', (m) => delete m.learner, /^learner must be an object/],
    [
      'a missing base_score',
      (m) => delete m.learner.learner_model_param.base_score,
      /base_score must be a string/,
    ],
    [
      'a base_score that is not a number',
      (m) => (m.learner.learner_model_param.base_score = 'abc'),
      /base_score must be a number/,
    ],
    [
      'a base_score outside (0, 1)',
      (m) => (m.learner.learner_model_param.base_score = '1.5'),
      /probability in \(0, 1\)/,
    ],
    [
      'num_trees that disagrees with trees',
      (m) => (m.learner.gradient_booster.model.gbtree_model_param.num_trees = '5'),
      /trees has 3 entries; expected 5/,
    ],
    [
      'a short left_children',
      (m) => tree0(m).left_children.pop(),
      /trees\[0\]\.left_children has \d+ entries; expected/,
    ],
    ['a child out of range', (m) => (tree0(m).left_children[0] = 999), /left_children\[0\] is 999/],
    [
      'a node reached twice',
      (m) => (tree0(m).right_children[0] = tree0(m).left_children[0]),
      /reached twice|parents/,
    ],
    [
      'a split on an undeclared feature',
      (m) => (tree0(m).split_indices[0] = 4),
      /split_indices\[0\] is 4; the model declares 4 features/,
    ],
    [
      'a non-integer split index',
      (m) => (tree0(m).split_indices[0] = 1.5),
      /split_indices\[0\] must be a 32-bit integer/,
    ],
    [
      'a string threshold',
      (m) => (tree0(m).split_conditions[0] = '0.5'),
      /split_conditions\[0\] must be a finite float32/,
    ],
    [
      'a threshold beyond float32',
      (m) => (tree0(m).split_conditions[0] = 1e300),
      /split_conditions\[0\] must be a finite float32/,
    ],
    ['a bad default_left', (m) => (tree0(m).default_left[0] = 2), /default_left\[0\] must be 0, 1/],
    ['a missing sum_hessian', (m) => delete tree0(m).sum_hessian, /sum_hessian must be an array/],
    ['a wrong tree id', (m) => (tree0(m).id = 2), /trees\[0\]\.id is 2; expected 0/],
    ['feature names of the wrong length', (m) => m.learner.feature_names.pop(), /feature_names has 3 names/],
    [
      'duplicate feature names',
      (m) => (m.learner.feature_names[1] = m.learner.feature_names[0]),
      /names "x0" twice/,
    ],
    [
      'a best_iteration beyond the trees',
      (m) => (m.learner.attributes.best_iteration = '3'),
      /best_iteration must be an integer string between 0 and 2/,
    ],
    [
      'a tree_info group other than 0',
      (m) => (m.learner.gradient_booster.model.tree_info[1] = 1),
      /tree_info\[1\] is 1/,
    ],
  ])('refuses %s with MODEL_FILE_INVALID', (_, mutate, message) => {
    const model = valid();
    mutate(model);
    const error = refusal(model);
    expect(error.code).toBe('MODEL_FILE_INVALID');
    expect(error.message).toMatch(message);
  });

  it.each<[string, (m: Json) => void, RegExp]>([
    [
      'another objective',
      (m) => (m.learner.objective.name = 'multi:softprob'),
      /objective multi:softprob is not supported/,
    ],
    ['dart', (m) => (m.learner.gradient_booster.name = 'dart'), /booster dart is not supported/],
    ['gblinear', (m) => (m.learner.gradient_booster.name = 'gblinear'), /booster gblinear/],
    ['multi-class', (m) => (m.learner.learner_model_param.num_class = '3'), /multi-class/],
    ['multi-target', (m) => (m.learner.learner_model_param.num_target = '2'), /multi-target/],
    [
      'random forests',
      (m) => (m.learner.gradient_booster.model.gbtree_model_param.num_parallel_tree = '4'),
      /random forests/,
    ],
    ['a categorical split', (m) => (tree0(m).split_type[0] = 1), /categorical split/],
    ['categories', (m) => (tree0(m).categories = [1, 2]), /categorical splits are not supported/],
    [
      'a categorical feature type',
      (m) => (m.learner.feature_types = ['float', 'c', 'float', 'float']),
      /feature x1 is categorical/,
    ],
    ['vector leaves', (m) => (tree0(m).tree_param.size_leaf_vector = '3'), /vector leaves/],
  ])('refuses %s with MODEL_UNSUPPORTED', (_, mutate, message) => {
    const model = valid();
    mutate(model);
    const error = refusal(model);
    expect(error.code).toBe('MODEL_UNSUPPORTED');
    expect(error.message).toMatch(message);
  });

  it('accepts booleans in default_left and XGBoost 2 vector base_score', () => {
    const model = valid();
    tree0(model).default_left = tree0(model).default_left.map((v: number) => v === 1);
    model.learner.learner_model_param.base_score = '[2.5E-1]';
    const loaded = loadXgboostJson(JSON.stringify(model));
    expect(loaded.baseScore).toBe(Math.fround(0.25));
    expect(Array.from(loaded.trees[0]!.defaultLeft)).toEqual(Array.from(booster.trees[0]!.defaultLeft));
  });

  it('names unnamed features f0, f1, … as XGBoost does', () => {
    const model = valid();
    model.learner.feature_names = [];
    expect(loadXgboostJson(JSON.stringify(model)).featureNames).toEqual(['f0', 'f1', 'f2', 'f3']);
  });

  it('drops nodes the root does not reach (XGBoost deleted nodes), keeping scores', () => {
    const model = valid();
    const t = tree0(model);
    for (const key of ['left_children', 'right_children']) t[key].push(-1);
    t.parents.push(0);
    t.split_indices.push(0);
    t.split_type.push(0);
    t.default_left.push(0);
    for (const key of ['split_conditions', 'base_weights', 'loss_changes', 'sum_hessian']) t[key].push(7.0);
    t.tree_param.num_nodes = String(t.left_children.length);
    const loaded = loadXgboostJson(JSON.stringify(model));
    expect(loaded.trees[0]!.left.length).toBe(booster.trees[0]!.left.length);
  });
});

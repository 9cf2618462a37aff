import { DOMAIN_FEATURES } from './search-feature-set.js';
import type { SearchPreset } from './search-preset.js';

/** Trees a candidate may grow before early stopping ends it. */
const MAX_TREES = 1000;

/**
 * The stronger default search: the domain features (outflow/inflow ratio, missing kept as missing),
 * a sound baseline first, then random draws of learning rate, depth, minimum child weight,
 * regularisation and row/column sampling, each growing trees until its held-out fold's log loss
 * stops improving; 3-fold CV on at most 200k sampled rows, within a 60 s budget by default.
 */
export const DEFAULT_PRESET: SearchPreset = {
  name: 'default',
  description:
    'domain features; baseline then random draws of learning rate, depth, min_child_weight, reg_lambda/alpha, subsample/colsample; early stopping; 3-fold CV; 60 s budget',
  folds: 3,
  space: {
    kind: 'sampled',
    base: { n_estimators: MAX_TREES, early_stopping_rounds: 15, eval_metric: 'logloss' },
    first: [
      {
        params: { learning_rate: 0.2, max_depth: 5, min_child_weight: 1, reg_lambda: 1 },
        featureSet: 'domain',
      },
      {
        params: { learning_rate: 0.1, max_depth: 6, min_child_weight: 5, reg_lambda: 5 },
        featureSet: 'domain',
      },
    ],
    distributions: {
      learning_rate: { kind: 'log-uniform', low: 0.08, high: 0.3 },
      max_depth: { kind: 'integer', low: 3, high: 8 },
      min_child_weight: { kind: 'log-uniform', low: 0.5, high: 50 },
      reg_lambda: { kind: 'log-uniform', low: 0.1, high: 20 },
      reg_alpha: { kind: 'choice', values: [0, 0, 0.1, 1] },
      subsample: { kind: 'uniform', low: 0.6, high: 1 },
      colsample_bytree: { kind: 'uniform', low: 0.6, high: 1 },
    },
    count: 40,
    featureSets: [DOMAIN_FEATURES.name],
  },
  featureSets: [DOMAIN_FEATURES],
  maxSearchRows: 200_000,
  budgetSeconds: 60,
  refitTreeFactor: 1.1,
};

import { ORIGINAL_FEATURES } from './search-feature-set.js';
import type { SearchPreset } from './search-preset.js';

/**
 * The original system's search, exactly: scikit-learn's `GridSearchCV(cv=5, scoring='roc_auc')`
 * over `n_estimators` [10, 5, 3, 2] x `max_depth` [2, 3, 4, 5] (16 candidates x 5 folds), XGBoost's
 * defaults otherwise (learning rate 0.3), on the original's features.
 */
export const ORIGINAL_PRESET: SearchPreset = {
  name: 'original',
  description:
    "the original's grid: n_estimators [10, 5, 3, 2] x max_depth [2, 3, 4, 5], 5-fold CV, XGBoost defaults",
  folds: 5,
  space: {
    kind: 'grid',
    base: {},
    grid: { n_estimators: [10, 5, 3, 2], max_depth: [2, 3, 4, 5] },
    featureSets: [ORIGINAL_FEATURES.name],
  },
  featureSets: [ORIGINAL_FEATURES],
  budgetSeconds: Number.POSITIVE_INFINITY,
  refitTreeFactor: 1,
};

import { DEFAULT_PRESET } from './default-preset.js';
import { ORIGINAL_PRESET } from './original-preset.js';
import { DOMAIN_FEATURES, ORIGINAL_FEATURES } from './search-feature-set.js';
import type { SearchPreset } from './search-preset.js';

/** The first regularised candidate, tried on both feature sets: slow learning of two-level trees. */
const SLOW_SHALLOW = {
  learning_rate: 0.05,
  max_depth: 2,
  min_child_weight: 5,
  reg_lambda: 10,
  subsample: 0.8,
  colsample_bytree: 0.8,
};

/** Below this many rows of the rarer class, the `default` preset searches as {@link SMALL_DATA_PRESET}. */
export const SMALL_DATA_MINORITY_ROWS = 1000;

/**
 * The `default` preset on small data, where deep trees learnt fast fit the noise of a few hundred
 * positives: the original's grid on its features (so the choice is never blind to what the
 * original would have picked), then strongly regularised candidates on both feature sets
 * (depth 1 to 3, slow learning, leaves of several rows, row and column sampling, early stopping),
 * all compared by mean ROC AUC on the same 5 stratified folds.
 */
export const SMALL_DATA_PRESET: SearchPreset = {
  name: 'default',
  description:
    "default on small data: the original's grid and regularised candidates (depth 1-3, learning rate 0.02-0.1, min_child_weight 2-30, reg_lambda 1-50, subsampling) on both feature sets; 5-fold CV",
  folds: 5,
  space: {
    kind: 'union',
    spaces: [
      ORIGINAL_PRESET.space,
      {
        kind: 'sampled',
        base: { n_estimators: 600, early_stopping_rounds: 30, eval_metric: 'logloss' },
        first: [
          {
            params: SLOW_SHALLOW,
            featureSet: DOMAIN_FEATURES.name,
          },
          {
            params: SLOW_SHALLOW,
            featureSet: ORIGINAL_FEATURES.name,
          },
          {
            params: {
              learning_rate: 0.05,
              max_depth: 3,
              min_child_weight: 10,
              reg_lambda: 10,
              subsample: 0.8,
            },
            featureSet: DOMAIN_FEATURES.name,
          },
        ],
        distributions: {
          learning_rate: { kind: 'log-uniform', low: 0.02, high: 0.1 },
          max_depth: { kind: 'integer', low: 1, high: 3 },
          min_child_weight: { kind: 'log-uniform', low: 2, high: 30 },
          reg_lambda: { kind: 'log-uniform', low: 1, high: 50 },
          reg_alpha: { kind: 'choice', values: [0, 0.1, 1] },
          subsample: { kind: 'uniform', low: 0.5, high: 0.9 },
          colsample_bytree: { kind: 'uniform', low: 0.5, high: 1 },
        },
        count: 8,
        featureSets: [DOMAIN_FEATURES.name, ORIGINAL_FEATURES.name],
      },
    ],
  },
  featureSets: [DOMAIN_FEATURES, ORIGINAL_FEATURES],
  budgetSeconds: DEFAULT_PRESET.budgetSeconds,
  refitTreeFactor: 1.1,
};

/** The preset a search of `labels` runs, and why it differs from the one asked for, if it does. */
export interface PresetForData {
  readonly preset: SearchPreset;
  readonly adaptation?: string;
}

/**
 * Adapts the `default` preset to the training split's size: with fewer than
 * {@link SMALL_DATA_MINORITY_ROWS} rows of the rarer class it searches as
 * {@link SMALL_DATA_PRESET}, and says why. Other presets run as asked.
 *
 * @example
 * presetForData(DEFAULT_PRESET, labels).adaptation;
 * // 'small data: 109 positives in 2100 training rows (fewer than 1000 of a class)'
 */
export function presetForData(preset: SearchPreset, labels: ArrayLike<number>): PresetForData {
  if (preset !== DEFAULT_PRESET) return { preset };
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const negatives = labels.length - positives;
  if (Math.min(positives, negatives) >= SMALL_DATA_MINORITY_ROWS) return { preset };
  return {
    preset: SMALL_DATA_PRESET,
    adaptation: `small data: ${positives} positives in ${labels.length} training rows (fewer than ${SMALL_DATA_MINORITY_ROWS} of a class)`,
  };
}

import type { FeatureSpec } from '../../src/core/features/feature-spec.js';
import { fitFeaturePipeline } from '../../src/core/features/fit-feature-pipeline.js';
import { transformFeatures } from '../../src/core/features/transform-features.js';
import { trainBooster } from '../../src/core/gbdt/train-booster.js';
import { MODEL_BUNDLE_FORMAT, type ModelBundle } from '../../src/core/model/model-bundle.js';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';

export const NUMERIC = ['total_outcome_dollar_amount', 'total_income_dollar_amount'];
export const CATEGORICAL = ['risk_pld'];

/**
 * A small real model: the feature pipeline fitted and trees trained on generated cases, in a
 * fraction of a second. `trees` and `seed` vary it (two versions of a model differ by seed).
 *
 * @example
 * const bundle = trainTestBundle();
 */
export function trainTestBundle(
  options: { trees?: number; seed?: number; rows?: number; domain?: boolean } = {},
): ModelBundle {
  const cases = generateCases({ rows: options.rows ?? 1500, seed: options.seed ?? 7 });
  const spec: FeatureSpec = {
    numericColumns: NUMERIC,
    categoricalColumns: CATEGORICAL,
    ...(options.domain
      ? {
          domain: {
            incomeColumn: 'total_income_dollar_amount',
            outcomeColumn: 'total_outcome_dollar_amount',
          },
        }
      : {}),
  };
  const features = fitFeaturePipeline(cases.frame, spec);
  const { matrix } = transformFeatures(cases.frame, features);
  const labels = Float32Array.from(cases.label);
  const { booster } = trainBooster(matrix, labels, {
    n_estimators: options.trees ?? 12,
    max_depth: 3,
    seed: options.seed ?? 7,
  });
  return {
    format: MODEL_BUNDLE_FORMAT,
    inputSchema: { numeric: NUMERIC, categorical: CATEGORICAL, idColumn: 'case_id' },
    features,
    booster,
  };
}

/** The original's example request. */
export const EXAMPLE_BODY = {
  total_outcome_dollar_amount: [2109.19],
  total_income_dollar_amount: [1305.06],
  risk_pld: ['HIGH'],
};

import { AmlopsError } from '../core/errors/index.js';
import { FEATURE_PIPELINE_VERSION, featureNames, type OneHotState } from '../core/features/index.js';
import type { Booster } from '../core/gbdt/booster.js';
import { MODEL_BUNDLE_FORMAT, type ModelBundle } from '../core/model/index.js';
import { reorderBoosterFeatures } from './reorder-booster-features.js';

/**
 * A model bundle for trees trained elsewhere, with the feature pipeline their feature names imply:
 * a name `col=value` is the one-hot output of category `value` of the categorical input `col`
 * (scikit-learn's DictVectorizer naming, as the original used), any other name a numeric input.
 * Missing numbers stay missing (the trees' default directions apply, as in XGBoost); a missing or
 * unseen category is all zeros. The trees are renumbered to the pipeline's (sorted) feature order.
 * Only `binary:logistic` models are imported (scores must be probabilities): MODEL_UNSUPPORTED
 * otherwise; MODEL_FILE_INVALID when a name is both numeric and categorical.
 *
 * @example
 * const bundle = bundleFromXgboost(loadXgboostJson(text));
 * bundle.inputSchema; // { numeric: ['total_outcome_dollar_amount', 'total_income_dollar_amount'], categorical: ['risk_pld'] }
 */
export function bundleFromXgboost(
  booster: Booster,
  names: readonly string[] = booster.featureNames,
): ModelBundle {
  if (booster.objective !== 'binary:logistic')
    throw new AmlopsError(
      'MODEL_UNSUPPORTED',
      `only binary:logistic models can be imported (their scores are probabilities); this one is ${booster.objective}`,
    );
  if (names.length !== booster.featureNames.length)
    throw new AmlopsError(
      'USAGE',
      `${names.length} feature names given; the model has ${booster.featureNames.length} features`,
    );
  const named = { ...booster, featureNames: [...names] };
  const numeric: string[] = [];
  const categories = new Map<string, string[]>();
  for (const name of names) {
    const at = name.indexOf('=');
    if (at > 0 && at < name.length - 1) {
      const column = name.slice(0, at);
      categories.set(column, [...(categories.get(column) ?? []), name.slice(at + 1)]);
    } else numeric.push(name);
  }
  const both = numeric.find((name) => categories.has(name));
  if (both !== undefined)
    throw new AmlopsError(
      'MODEL_FILE_INVALID',
      `feature '${both}' is numeric and also the categorical column of '${both}=…' features`,
      { feature: both },
    );
  const categorical: OneHotState[] = [...categories].map(([column, values]) => ({
    column,
    categories: [...values].sort(),
    impute: null,
  }));
  const order = featureNames(numeric, categorical, null);
  const duplicate = order.find((name, i) => order.indexOf(name) !== i);
  if (duplicate !== undefined)
    throw new AmlopsError('MODEL_FILE_INVALID', `feature '${duplicate}' is named twice`, {
      feature: duplicate,
    });
  return {
    format: MODEL_BUNDLE_FORMAT,
    inputSchema: { numeric, categorical: categorical.map((c) => c.column) },
    features: {
      version: FEATURE_PIPELINE_VERSION,
      missing: { strategy: 'keep' },
      numeric,
      categorical,
      domain: null,
      featureNames: order,
    },
    booster: reorderBoosterFeatures(named, order),
  };
}

import { DOMAIN_FEATURE_INPUTS } from './domain-features.js';
import { oneHotName } from './feature-names.js';
import type { FeaturePipelineState } from './feature-pipeline-state.js';

/** Where one output column comes from. */
export interface FeatureSource {
  /** The output column (`risk_pld=HIGH`). */
  readonly name: string;
  /** The feature it belongs to, for reasons: the input column, or the derived feature's name. */
  readonly feature: string;
  /** The input columns it is computed from. */
  readonly inputs: readonly string[];
}

/**
 * Maps each output column back to its input feature, in `featureNames` order, so that per-column
 * contributions can be folded into per-feature reasons (`risk_pld=HIGH` and `risk_pld=LOW` into `risk_pld`).
 *
 * @example
 * featureSources(state).find((s) => s.name === 'risk_pld=HIGH'); // { name, feature: 'risk_pld', inputs: ['risk_pld'] }
 */
export function featureSources(state: FeaturePipelineState): FeatureSource[] {
  const byName = new Map<string, FeatureSource>();
  for (const column of state.numeric) byName.set(column, { name: column, feature: column, inputs: [column] });
  for (const encoding of state.categorical)
    for (const category of encoding.categories) {
      const name = oneHotName(encoding.column, category);
      byName.set(name, { name, feature: encoding.column, inputs: [encoding.column] });
    }
  const domain = state.domain;
  if (domain)
    for (const name of domain.features) {
      const inputs = DOMAIN_FEATURE_INPUTS[name].map((which) =>
        which === 'income' ? domain.incomeColumn : domain.outcomeColumn,
      );
      byName.set(name, { name, feature: name, inputs });
    }
  return state.featureNames.map((name) => byName.get(name)!);
}

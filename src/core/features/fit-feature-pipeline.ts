import { AmlopsError } from '../errors/index.js';
import type { Frame } from '../frame/frame.js';
import { DOMAIN_FEATURE_NAMES } from './domain-features.js';
import { featureNames } from './feature-names.js';
import {
  type DomainState,
  FEATURE_PIPELINE_VERSION,
  type FeaturePipelineState,
} from './feature-pipeline-state.js';
import type { FeatureSpec } from './feature-spec.js';
import { fitOneHot } from './one-hot-encoder.js';
import { requireColumn } from './require-column.js';

/**
 * Fits the feature pipeline on training rows: learns the categories (and the value imputed for
 * a missing one) of each categorical column, and fixes the output columns. The state is plain
 * JSON, stored with the model and applied unchanged at scoring time.
 *
 * @example
 * const state = fitFeaturePipeline(train, {
 *   numericColumns: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
 *   categoricalColumns: ['risk_pld'],
 * });
 * state.featureNames; // ['risk_pld=HIGH', 'risk_pld=LOW', 'risk_pld=MEDIUM', 'total_income_dollar_amount', ...]
 */
export function fitFeaturePipeline(frame: Frame, spec: FeatureSpec): FeaturePipelineState {
  const missing = spec.missing ?? { strategy: 'keep' };
  if (missing.strategy === 'fill' && !Number.isFinite(missing.value))
    throw new AmlopsError(
      'CONFIG_INVALID',
      `the fill value of missing numbers must be a finite number; got ${missing.value}`,
    );
  const inputs = [...spec.numericColumns, ...spec.categoricalColumns];
  const repeated = inputs.find((name, i) => inputs.indexOf(name) !== i);
  if (repeated !== undefined)
    throw new AmlopsError('CONFIG_INVALID', `feature column '${repeated}' is listed more than once`);
  for (const name of spec.numericColumns) requireColumn(frame, name);
  const categorical = spec.categoricalColumns.map((name) =>
    fitOneHot(
      requireColumn(frame, name),
      spec.categoricalImpute ?? 'most_frequent',
      spec.foldCategories ?? false,
    ),
  );
  let domain: DomainState | null = null;
  if (spec.domain) {
    requireColumn(frame, spec.domain.incomeColumn);
    requireColumn(frame, spec.domain.outcomeColumn);
    const features = [...(spec.domain.features ?? DOMAIN_FEATURE_NAMES)];
    const unknown = features.find((f) => !(DOMAIN_FEATURE_NAMES as readonly string[]).includes(f));
    if (unknown !== undefined)
      throw new AmlopsError(
        'CONFIG_INVALID',
        `unknown derived feature '${unknown}'; known: ${DOMAIN_FEATURE_NAMES.join(', ')}`,
      );
    domain = { incomeColumn: spec.domain.incomeColumn, outcomeColumn: spec.domain.outcomeColumn, features };
  }
  const names = featureNames(spec.numericColumns, categorical, domain);
  const clash = names.find((name, i) => names.indexOf(name) !== i);
  if (clash !== undefined)
    throw new AmlopsError('CONFIG_INVALID', `two features would both be named '${clash}'; rename a column`);
  return {
    version: FEATURE_PIPELINE_VERSION,
    missing,
    numeric: [...spec.numericColumns],
    categorical,
    domain,
    featureNames: names,
  };
}

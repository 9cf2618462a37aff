import type { FeaturePipelineState } from '../features/feature-pipeline-state.js';
import type { FeatureSpec } from '../features/feature-spec.js';
import { fitFeaturePipeline } from '../features/fit-feature-pipeline.js';
import { transformFeatures } from '../features/transform-features.js';
import type { Frame } from '../frame/frame.js';
import type { FeatureMatrix } from '../gbdt/feature-matrix.js';
import type { SearchFeatureSet } from './search-feature-set.js';

// The search's only contact with feature engineering: a SearchFeatureSet becomes the feature
// pipeline's spec here, and nowhere else.

/** The columns of the data contract used as features. */
export interface FeatureColumns {
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  /** The amounts received and sent, from which the domain features are derived (none without them). */
  readonly income?: string;
  readonly outcome?: string;
  /** Trim and case-fold categories (setting data.foldCategories). */
  readonly foldCategories?: boolean;
}

/** The data contract's feature columns, as the original configured them. */
export const CONTRACT_COLUMNS: FeatureColumns = {
  numeric: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
  categorical: ['risk_pld'],
  income: 'total_income_dollar_amount',
  outcome: 'total_outcome_dollar_amount',
};

/**
 * The feature pipeline's spec for a feature set. The domain features are the outflow/inflow ratio
 * and the net flow; the logs of each amount are left out, as trees gain nothing from a monotone
 * transform of a feature they already have.
 *
 * @example
 * searchFeatureSpec(ORIGINAL_FEATURES).missing; // { strategy: 'fill', value: 0 }
 */
export function searchFeatureSpec(
  set: SearchFeatureSet,
  columns: FeatureColumns = CONTRACT_COLUMNS,
): FeatureSpec {
  const { income, outcome } = columns;
  return {
    numericColumns: columns.numeric,
    categoricalColumns: columns.categorical,
    missing: set.numericMissing === 'zero' ? { strategy: 'fill', value: 0 } : { strategy: 'keep' },
    categoricalImpute: set.categoricalMissing === 'most-frequent' ? 'most_frequent' : 'none',
    ...(columns.foldCategories ? { foldCategories: true } : {}),
    ...(set.domainFeatures && income !== undefined && outcome !== undefined
      ? {
          domain: {
            incomeColumn: income,
            outcomeColumn: outcome,
            features: ['log_outflow_inflow_ratio', 'net_flow'] as const,
          },
        }
      : {}),
  };
}

/** A feature set fitted on training rows, ready to make the matrix of any rows. */
export interface FittedSearchFeatures {
  /** The fitted pipeline: plain JSON, saved with the model and applied at scoring time. */
  readonly state: FeaturePipelineState;
  transform(frame: Frame): FeatureMatrix;
}

/**
 * Fits the feature pipeline of `set` on `frame` (the training split).
 *
 * @example
 * const features = fitSearchFeatures(train, DOMAIN_FEATURES);
 * const matrix = features.transform(test);
 */
export function fitSearchFeatures(
  frame: Frame,
  set: SearchFeatureSet,
  columns: FeatureColumns = CONTRACT_COLUMNS,
): FittedSearchFeatures {
  const state = fitFeaturePipeline(frame, searchFeatureSpec(set, columns));
  return { state, transform: (rows) => transformFeatures(rows, state).matrix };
}

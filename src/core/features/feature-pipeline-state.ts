import type { DomainFeatureName } from './domain-features.js';
import type { MissingPolicy } from './feature-spec.js';

/** Version of the state's JSON shape; a loaded state of another version is refused. */
export const FEATURE_PIPELINE_VERSION = 1;

/** The fitted one-hot encoding of one categorical column. */
export interface OneHotState {
  readonly column: string;
  /** Values seen in training, sorted; each becomes the output `column=value`. */
  readonly categories: readonly string[];
  /** Value a missing category is encoded as (the most frequent in training), or null for all zeros. */
  readonly impute: string | null;
  /**
   * Spellings that differ only by surrounding spaces and case are one category (the most frequent
   * spelling in training names it), in training and at scoring. Absent in models made before.
   */
  readonly fold?: true;
}

/** The fitted derived features. */
export interface DomainState {
  readonly incomeColumn: string;
  readonly outcomeColumn: string;
  readonly features: readonly DomainFeatureName[];
}

/**
 * A fitted feature pipeline as plain JSON: stored in the model artifact and applied, unchanged,
 * at training and at scoring time. `featureNames` is the order of the output columns: sorted,
 * as scikit-learn's DictVectorizer sorts them, so that models of the original line up.
 */
export interface FeaturePipelineState {
  readonly version: typeof FEATURE_PIPELINE_VERSION;
  readonly missing: MissingPolicy;
  readonly numeric: readonly string[];
  readonly categorical: readonly OneHotState[];
  readonly domain: DomainState | null;
  readonly featureNames: readonly string[];
}

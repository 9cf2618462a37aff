import type { FeaturePipelineState } from '../features/feature-pipeline-state.js';
import type { Booster } from '../gbdt/booster.js';

/** The format tag of a bundle's manifest; a bundle of another format is refused. */
export const MODEL_BUNDLE_FORMAT = 'amlops-model/1';

/** The input columns a model reads from a case: what a scoring request must (or may) carry. */
export interface InputSchema {
  /** Numeric input columns (amounts: a value must be a finite, non-negative number or empty). */
  readonly numeric: readonly string[];
  /** Categorical input columns (an unseen or empty value is scored as missing, with a warning). */
  readonly categorical: readonly string[];
  /** Column identifying a case, carried to the audit log and usable for feedback; never a feature. */
  readonly idColumn?: string;
}

/**
 * What training writes and serving reads: the input contract, the fitted feature pipeline and the
 * trees. Plain data, stored as JSON files (see `bundleToFiles`); nothing in it is ever evaluated.
 */
export interface ModelBundle {
  readonly format: typeof MODEL_BUNDLE_FORMAT;
  readonly inputSchema: InputSchema;
  readonly features: FeaturePipelineState;
  readonly booster: Booster;
}

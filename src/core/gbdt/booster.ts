import type { Tree } from './tree.js';

/** Objectives the engine knows by name (XGBoost's names). */
export type ObjectiveName = 'binary:logistic' | 'reg:squarederror';

/**
 * A trained ensemble: everything needed to score, explain and save it in XGBoost's JSON format.
 * Plain data: no functions, so that it can be cloned to worker threads and serialised as is.
 */
export interface Booster {
  readonly objective: ObjectiveName;
  /** The prediction before any tree, in output space (a probability for binary:logistic), as XGBoost stores `base_score`. */
  readonly baseScore: number;
  readonly featureNames: readonly string[];
  readonly trees: readonly Tree[];
  /** Index of the best iteration when early stopping ran; scoring uses trees [0, bestIteration]. */
  readonly bestIteration?: number;
  /** Training parameters as given, kept for the record (XGBoost's `learner.attributes` / config). */
  readonly params?: Readonly<Record<string, unknown>>;
}

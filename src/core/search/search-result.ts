import type { Booster } from '../gbdt/booster.js';
import type { GbdtParamsInput } from '../gbdt/parameters.js';

/** The cross-validation of one candidate. */
export interface CandidateScore {
  readonly index: number;
  readonly params: GbdtParamsInput;
  readonly featureSet: string;
  /** `skipped`: not started, because the time budget would have been exceeded. */
  readonly status: 'evaluated' | 'skipped';
  /** ROC AUC of each held-out fold (empty when skipped). */
  readonly foldAucs: readonly number[];
  /** Trees each fold's score used (the best iteration + 1 when it stopped early). */
  readonly foldTrees: readonly number[];
  readonly meanAuc: number;
  /** Population standard deviation of the fold scores, as scikit-learn reports it. */
  readonly stdAuc: number;
  /** Seconds its fold tasks took, added up (0 when it shared a training run with a larger candidate). */
  readonly seconds: number;
}

/** Time spent by each phase of a search, in seconds of the injected clock. */
export interface SearchTimings {
  readonly prepareSeconds: number;
  readonly searchSeconds: number;
  readonly refitSeconds: number;
  readonly totalSeconds: number;
}

/** Everything a search found. */
export interface SearchResult {
  readonly preset: string;
  readonly seed: number;
  readonly folds: number;
  /** Rows the cross-validation used (a sample when the preset caps them) and rows of the refit. */
  readonly searchRows: number;
  readonly trainRows: number;
  readonly budgetSeconds: number;
  /** True when candidates were skipped to keep within the budget. */
  readonly budgetExhausted: boolean;
  readonly candidates: readonly CandidateScore[];
  /** The candidate with the highest mean ROC AUC (the lowest index among equals). */
  readonly best: CandidateScore;
  /** The best candidate's parameters for the refit: `n_estimators` fixed by early stopping. */
  readonly bestParams: GbdtParamsInput;
  readonly bestFeatureSet: string;
  /** The best candidate refitted on the whole training split (absent when the refit was not asked for). */
  readonly booster?: Booster;
  readonly timings: SearchTimings;
}

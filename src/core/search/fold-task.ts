import type { GbdtParamsInput } from '../gbdt/parameters.js';

/** One unit of work of a search: one training run on the rows outside one fold, scored on the fold. */
export interface FoldTask {
  /** The training run (see {@link TrainingRun}) this task belongs to. */
  readonly run: number;
  readonly fold: number;
  readonly featureSet: string;
  readonly params: GbdtParamsInput;
  /**
   * Score the first `k` trees for each `k` listed (candidates that differ only in their number of
   * trees share one run); empty: score the model as trained, up to its best iteration when it
   * stopped early.
   */
  readonly treeCounts: readonly number[];
}

/** What a fold task measured on its held-out fold. */
export interface FoldResult {
  /** ROC AUC, one per tree count of the task (one value when it listed none). */
  readonly aucs: readonly number[];
  /** Trees behind each score. */
  readonly trees: readonly number[];
  /** Trees grown (early stopping grows some past the best) and training rows: the work done. */
  readonly trainedTrees: number;
  readonly trainRows: number;
}

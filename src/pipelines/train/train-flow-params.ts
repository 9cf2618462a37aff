import type { GbdtParamsInput } from '../../core/gbdt/index.js';

/** What one training run is asked to do (JSON: recorded on the pipeline run, replayed on retry). */
export interface TrainFlowParams {
  /**
   * Data files (CSV, Parquet, JSON Lines), local paths or URLs, read as one table (their rows one
   * after the other); optional with `fromCases`.
   */
  readonly data?: readonly string[];
  /**
   * Train on the audited inputs of the analysts' concluded cases too (`amlops train --from-cases`),
   * the conclusion as the target: those opened at or after `since`, concluded before `until` (set
   * when the run is asked for, so that a retried run reads the same cases); times in ms.
   */
  readonly fromCases?: { readonly since?: number; readonly until?: number };
  /** A file used as the test split instead of splitting `data`, to compare systems on the same split. */
  readonly testData?: string;
  /** Search preset: `original` (the original's grid) or `default`. */
  readonly preset: string;
  /** Train exactly these parameters, without a search. */
  readonly params?: GbdtParamsInput;
  readonly seed: number;
  readonly budgetSeconds: number;
  /** `--promote` / `--no-promote`; absent: the promotion policy decides. */
  readonly promote?: boolean;
  /** Train and evaluate, but record and register nothing. */
  readonly dryRun?: boolean;
  /** Who asked for the training, recorded as the run's user (default: the flow's actor). */
  readonly user?: string;
}

import type { ScoringWarning } from './scoring-warning.js';

/** Scoring input checked against a model's contract: typed columns, missing values explicit. */
export interface ValidatedInput {
  readonly rowCount: number;
  /** Per numeric input column (contract order): the amounts, NaN where missing. */
  readonly numeric: readonly Float64Array[];
  /** Per categorical input column (contract order): the labels, null where missing or never seen in training. */
  readonly categorical: readonly (readonly (string | null)[])[];
  /**
   * The same labels as the request sent them (folded ones as their category): a label never seen
   * in training kept rather than null, for the audit log, where the live report finds categories
   * new in current. The same arrays as `categorical` when no label was unseen; absent when the
   * input was not validated from a request.
   */
  readonly categoricalAsSent?: readonly (readonly (string | null)[])[];
  /** The case ids when the model has an id column and the request carries it. */
  readonly ids: readonly (string | null)[] | null;
  readonly warnings: readonly ScoringWarning[];
}

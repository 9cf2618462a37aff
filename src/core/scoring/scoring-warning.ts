/** Something noticed in a scoring request that did not stop it being scored. */
export interface ScoringWarning {
  /**
   * `MISSING_VALUE`: empty values scored as missing; `UNSEEN_CATEGORY`: labels never seen in
   * training, scored as missing; `FOLDED_CATEGORY`: labels that match a category once trimmed and
   * case-folded, scored as that category; `EXTRA_COLUMN`: a column the model does not read, ignored.
   */
  readonly code: 'MISSING_VALUE' | 'UNSEEN_CATEGORY' | 'FOLDED_CATEGORY' | 'EXTRA_COLUMN';
  readonly column: string;
  /** How many values (0 for EXTRA_COLUMN). */
  readonly count: number;
  /** The first rows concerned (0-based positions in the request). */
  readonly rows: readonly number[];
  readonly message: string;
}

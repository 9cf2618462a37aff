/**
 * What a dataset's columns mean: which are numeric and categorical features, which holds the
 * analyst's conclusion, and how the label is derived from it. Everything else is carried along.
 *
 * @example
 * const schema: DatasetSchema = {
 *   numeric: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
 *   categorical: ['risk_pld'],
 *   target: 'conclusion',
 *   negativeValue: 'CLOSED_NO_ROI',
 *   positiveValues: ['CLOSED_WITH_ROI', 'REPORTED_TO_AUTHORITY'],
 *   carried: 'all',
 * };
 */
export interface DatasetSchema {
  /** Numeric feature columns: amounts, so negative values are refused. */
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  /** Column holding the conclusion; label 1 when it is not `negativeValue`. */
  readonly target: string;
  readonly negativeValue: string;
  /** Conclusions known to mean label 1; other non-negative values are label 1 too, but reported. */
  readonly positiveValues: readonly string[];
  /** Other columns kept as text (ids, dates): `'all'` for every other column of the file, or a list. */
  readonly carried: 'all' | readonly string[];
}

/** PostgreSQL's longest identifier. */
const MAX_IDENTIFIER = 63;

/**
 * The `metrics_summary` column of one data column's count, as the original named them
 * (`current_nan_risk_pld`, `reference_unique_total_income_dollar_amount`): lower case, any character
 * outside `[a-z0-9_]` as `_`, cut to PostgreSQL's 63 characters.
 *
 * @example
 * metricsSummaryColumn('current', 'nan', 'risk_pld'); // 'current_nan_risk_pld'
 */
export function metricsSummaryColumn(
  side: 'current' | 'reference',
  count: 'nan' | 'unique',
  column: string,
): string {
  return `${side}_${count}_${column.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, MAX_IDENTIFIER);
}

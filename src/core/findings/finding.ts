/** How much a finding matters. Whether a `fatal` finding stops the work is the caller's decision. */
export type Severity = 'fatal' | 'warning' | 'info';

/**
 * One observation about data, a model or a metric, as data (CONVENTIONS habit 6).
 *
 * @example
 * { code: 'NEGATIVE_AMOUNT', path: 'total_income_dollar_amount', severity: 'fatal',
 *   message: '3 negative amounts in total_income_dollar_amount (rows 4, 17, 90)', value: 3, threshold: 0 }
 */
export interface Finding {
  readonly code: string;
  /** Where: a column name, a setting, `rows[12].risk_pld`, or '' for the whole dataset. */
  readonly path: string;
  readonly severity: Severity;
  readonly message: string;
  readonly value?: unknown;
  readonly threshold?: unknown;
  readonly details?: unknown;
}

/** True when any finding is fatal. */
export function hasFatal(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'fatal');
}

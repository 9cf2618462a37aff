import type { AlertMetric } from './alert-metric.js';

export type AlertCondition = '<' | '<=' | '>' | '>=';
export type AlertSeverity = 'critical' | 'warning' | 'info';

/**
 * One alert rule of the configuration: the alert fires when `metric` (over `windowMs`, for live
 * and scoring metrics) meets `condition threshold` for `forMs` in a row.
 */
export interface AlertRule {
  readonly name: string;
  readonly metric: AlertMetric;
  readonly condition: AlertCondition;
  readonly threshold: number;
  /** The metric's window, for windowed metrics (0 for training and drift metrics). */
  readonly windowMs: number;
  /** How long the condition must hold before the alert fires (0: at once). */
  readonly forMs: number;
  readonly severity: AlertSeverity;
  /** Live metrics on cases: fewer cases than this in the window give no value (no data, state unchanged). */
  readonly minCases: number;
  readonly summary: string;
}

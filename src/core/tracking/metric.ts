/**
 * One measurement of a metric. A run keeps every measurement (the history); the "latest" value of a
 * key is the one with the greatest step, then timestamp, then value, as in MLflow.
 *
 * @example
 * const metric: Metric = { key: 'roc_auc', value: 0.91, timestamp: 1764255600000, step: 0 };
 */
export interface Metric {
  readonly key: string;
  /** May be NaN or ±Infinity; stores keep those exactly. */
  readonly value: number;
  /** Milliseconds since the Unix epoch. */
  readonly timestamp: number;
  readonly step: number;
}

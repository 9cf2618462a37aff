import type { Metric } from '../../core/tracking/index.js';
import { encodeDouble } from './json-double.js';

/**
 * A metric measurement in MLflow's JSON; NaN and infinities as protobuf writes them.
 *
 * @example
 * metricJson({ key: 'auc', value: 0.9, timestamp: 1, step: 0 }); // { key: 'auc', value: 0.9, timestamp: 1, step: 0 }
 */
export function metricJson(metric: Metric): Record<string, unknown> {
  return {
    key: metric.key,
    value: encodeDouble(metric.value),
    timestamp: metric.timestamp,
    step: metric.step,
  };
}

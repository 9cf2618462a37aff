import { logLoss } from '../evaluate/log-loss.js';
import { rocAuc } from '../evaluate/roc-auc.js';
import type { EvalMetricName } from './parameters.js';

/** A metric scored on an evaluation set after each tree (XGBoost's `eval_metric`). */
export interface EvalMetric {
  readonly name: EvalMetricName;
  /** Whether a larger value is better (for early stopping). */
  readonly maximize: boolean;
  /** The metric of `outputs` (probabilities, or values for regression) against `labels`. */
  score(outputs: Float64Array, labels: Float32Array): number;
}

const METRICS: Readonly<Record<EvalMetricName, EvalMetric>> = {
  auc: { name: 'auc', maximize: true, score: rocAuc },
  logloss: { name: 'logloss', maximize: false, score: (p, y) => logLoss(p, y, 1e-16) },
  rmse: {
    name: 'rmse',
    maximize: false,
    score(values, labels) {
      let sum = 0;
      for (let i = 0; i < values.length; i++) sum += (values[i]! - labels[i]!) ** 2;
      return Math.sqrt(sum / values.length);
    },
  },
};

/**
 * The metric called `name`.
 *
 * @example
 * evalMetricByName('auc').maximize; // true
 */
export function evalMetricByName(name: EvalMetricName): EvalMetric {
  return METRICS[name];
}

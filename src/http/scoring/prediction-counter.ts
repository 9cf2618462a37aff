import type { Metric } from 'prom-client';
import { customMetric, getOrAdd } from './custom-metric.js';

/**
 * The `amlops_predictions_total` counter: cases scored, by model name and version, counted per
 * request by two map lookups.
 *
 * @example
 * const predictions = new PredictionCounter();
 * registry.registerMetric(predictions.metric);
 * predictions.add('consumers-laundering-model', '3', 1000);
 */
export class PredictionCounter {
  /** model name → version → cases. */
  readonly #counts = new Map<string, Map<string, { value: number }>>();
  readonly metric: Metric;

  constructor(name = 'amlops_predictions_total', help = 'Cases scored, by model version') {
    this.metric = customMetric(name, help, 'counter', () =>
      [...this.#counts].flatMap(([model_name, byVersion]) =>
        [...byVersion].map(([model_version, c]) => ({
          labels: { model_name, model_version },
          value: c.value,
        })),
      ),
    );
  }

  /** Cases scored so far, every model version together. */
  get total(): number {
    let total = 0;
    for (const byVersion of this.#counts.values()) for (const c of byVersion.values()) total += c.value;
    return total;
  }

  add(model: string, version: string, cases: number): void {
    const byVersion = getOrAdd(this.#counts, model, () => new Map<string, { value: number }>());
    getOrAdd(byVersion, version, () => ({ value: 0 })).value += cases;
  }
}

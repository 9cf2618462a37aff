import type { Metric } from 'prom-client';
import { customMetric, getOrAdd, HistogramSeries, histogramSamples } from './custom-metric.js';

/** Upper bounds of the duration buckets, in seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The `http_request_duration_seconds` histogram by method, route and status: one observation per
 * request, found by three map lookups on the label values.
 *
 * @example
 * const durations = new RequestDurations();
 * registry.registerMetric(durations.metric);
 * durations.observe('POST', '/predict', 200, 0.0012);
 */
export class RequestDurations {
  /** route → status → method → series. */
  readonly #series = new Map<string, Map<number, Map<string, HistogramSeries>>>();
  readonly metric: Metric;

  constructor(
    name = 'http_request_duration_seconds',
    help = 'Duration of HTTP requests, by route and status',
  ) {
    this.metric = customMetric(name, help, 'histogram', () => histogramSamples(name, BUCKETS, this.#all()));
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const byStatus = getOrAdd(this.#series, route, () => new Map<number, Map<string, HistogramSeries>>());
    const byMethod = getOrAdd(byStatus, status, () => new Map<string, HistogramSeries>());
    const s = getOrAdd(
      byMethod,
      method,
      () => new HistogramSeries({ method, route, status_code: status }, BUCKETS.length),
    );
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]!) bucket++;
    if (bucket < BUCKETS.length) s.counts[bucket]!++;
    s.sum += seconds;
    s.count += 1;
  }

  *#all(): Iterable<HistogramSeries> {
    for (const byStatus of this.#series.values())
      for (const byMethod of byStatus.values()) yield* byMethod.values();
  }
}

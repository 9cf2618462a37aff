import type { Metric } from 'prom-client';
import { LATENCY_BUCKETS_SECONDS } from '../../core/monitoring/latency-buckets.js';
import { customMetric, getOrAdd, HistogramSeries, histogramSamples } from './custom-metric.js';

const BUCKETS = LATENCY_BUCKETS_SECONDS;

/** Requests to some routes since the process started (see `RequestDurations.totals`). */
export interface RequestTotals {
  readonly requests: number;
  readonly serverErrors: number;
  readonly clientErrors: number;
  readonly latencySum: number;
  readonly latencyCounts: readonly number[];
}

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

  /**
   * Every request to `routes` so far, together: how many, how many answered 5xx and 4xx, the
   * latency's sum and its counts per bucket (the last for the unbounded bucket).
   */
  totals(routes: ReadonlySet<string>): RequestTotals {
    const totals = {
      requests: 0,
      serverErrors: 0,
      clientErrors: 0,
      latencySum: 0,
      latencyCounts: new Array<number>(BUCKETS.length + 1).fill(0),
    };
    for (const [route, byStatus] of this.#series) {
      if (!routes.has(route)) continue;
      for (const [status, byMethod] of byStatus)
        for (const s of byMethod.values()) {
          totals.requests += s.count;
          if (status >= 500) totals.serverErrors += s.count;
          else if (status >= 400) totals.clientErrors += s.count;
          totals.latencySum += s.sum;
          let bounded = 0;
          for (let b = 0; b < BUCKETS.length; b++) {
            totals.latencyCounts[b]! += s.counts[b]!;
            bounded += s.counts[b]!;
          }
          totals.latencyCounts[BUCKETS.length]! += s.count - bounded;
        }
    }
    return totals;
  }

  *#all(): Iterable<HistogramSeries> {
    for (const byStatus of this.#series.values())
      for (const byMethod of byStatus.values()) yield* byMethod.values();
  }
}

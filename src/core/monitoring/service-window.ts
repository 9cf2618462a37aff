import { histogramQuantile } from './histogram-quantile.js';
import { LATENCY_BUCKETS_SECONDS } from './latency-buckets.js';
import type { ServiceInterval } from './service-interval.js';

/** The scoring service over a window, every process together. */
export interface ServiceWindow {
  readonly requests: number;
  readonly serverErrors: number;
  readonly clientErrors: number;
  readonly cases: number;
  /** Share of requests answered 5xx; null without requests. */
  readonly errorRate: number | null;
  readonly meanMs: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

/**
 * Sums the intervals of every scoring process in a window: requests, errors, cases, the error rate
 * and the latency's mean, median and 99th percentile (from the merged histogram, as Prometheus'
 * `histogram_quantile` would give them).
 *
 * @example
 * serviceWindow(await stats.intervals({ since: now - 900_000, until: now })).p99Ms; // 4.2
 */
export function serviceWindow(intervals: readonly ServiceInterval[]): ServiceWindow {
  const counts = new Array<number>(LATENCY_BUCKETS_SECONDS.length + 1).fill(0);
  let requests = 0;
  let serverErrors = 0;
  let clientErrors = 0;
  let cases = 0;
  let latencySum = 0;
  for (const interval of intervals) {
    requests += interval.requests;
    serverErrors += interval.serverErrors;
    clientErrors += interval.clientErrors;
    cases += interval.cases;
    latencySum += interval.latencySum;
    interval.latencyCounts.forEach((count, b) => {
      if (b < counts.length) counts[b]! += count;
    });
  }
  const ms = (seconds: number | null) => (seconds === null ? null : seconds * 1000);
  return {
    requests,
    serverErrors,
    clientErrors,
    cases,
    errorRate: requests > 0 ? serverErrors / requests : null,
    meanMs: requests > 0 ? (latencySum / requests) * 1000 : null,
    p50Ms: ms(histogramQuantile(LATENCY_BUCKETS_SECONDS, counts, 0.5)),
    p99Ms: ms(histogramQuantile(LATENCY_BUCKETS_SECONDS, counts, 0.99)),
  };
}

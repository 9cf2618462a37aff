import { describe, expect, it } from 'vitest';
import { histogramQuantile } from './histogram-quantile.js';
import { LATENCY_BUCKETS_SECONDS } from './latency-buckets.js';
import { serviceWindow } from './service-window.js';

describe('histogramQuantile', () => {
  it("interpolates inside the bucket the rank falls in, as Prometheus' histogram_quantile", () => {
    // 100 observations: 90 in (0, 1 ms], 10 in (1, 10 ms]: rank 99 is the 9th of the 10 in the second bucket.
    expect(histogramQuantile([0.001, 0.01], [90, 10, 0], 0.99)).toBeCloseTo(0.001 + 0.009 * 0.9, 12);
    expect(histogramQuantile([0.001, 0.01], [90, 10, 0], 0.5)).toBeCloseTo(0.001 * (50 / 90), 12);
  });

  it('answers the last bound for the unbounded bucket and null without observations', () => {
    expect(histogramQuantile([0.001, 0.01], [0, 0, 5], 0.99)).toBe(0.01);
    expect(histogramQuantile([0.001, 0.01], [0, 0, 0], 0.99)).toBeNull();
  });
});

describe('serviceWindow', () => {
  it('sums every process and measures the error rate and latency of the whole service', () => {
    const counts = (at: number, n: number) =>
      LATENCY_BUCKETS_SECONDS.map((_, b) => (b === at ? n : 0)).concat(0);
    const w = serviceWindow([
      {
        source: 'a',
        start: 0,
        end: 1,
        requests: 99,
        serverErrors: 1,
        clientErrors: 3,
        cases: 990,
        latencySum: 0.099,
        latencyCounts: counts(1, 99),
      },
      {
        source: 'b',
        start: 0,
        end: 1,
        requests: 1,
        serverErrors: 1,
        clientErrors: 0,
        cases: 1000,
        latencySum: 0.4,
        latencyCounts: counts(9, 1),
      },
    ]);
    expect(w).toMatchObject({
      requests: 100,
      serverErrors: 2,
      clientErrors: 3,
      cases: 1990,
      errorRate: 0.02,
    });
    expect(w.meanMs).toBeCloseTo(4.99, 10);
    // Rank 99 of 100 is the last of the 99 in (0.5, 1] ms.
    expect(w.p99Ms).toBeCloseTo(1, 10);
    expect(w.p50Ms).toBeCloseTo(0.5 + 0.5 * (50 / 99), 10);
  });

  it('has no rate or latency without requests', () => {
    expect(serviceWindow([])).toMatchObject({ requests: 0, errorRate: null, p99Ms: null, meanMs: null });
  });
});

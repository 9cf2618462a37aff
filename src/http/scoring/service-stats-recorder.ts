import type { ServiceInterval } from '../../core/monitoring/service-interval.js';
import type { RequestTotals } from './request-durations.js';
import type { ScoringMetrics } from './scoring-metrics.js';

/** The routes that score cases: what the service's error rate and latency are measured on. */
export const SCORING_ROUTES: ReadonlySet<string> = new Set([
  '/predict',
  '/invocations',
  '/v2/models/:name/infer',
  '/v2/models/:name/versions/:version/infer',
]);

/** How often a scoring process records what it served. */
export const SERVICE_STATS_INTERVAL_MS = 15_000;

/**
 * Turns a scoring process's running totals into intervals for the store: each `take()` returns what
 * was served since the previous one (nothing when no request came), so that every process of every
 * replica adds its own rows and a window's figures are their sums.
 *
 * @example
 * const recorder = new ServiceStatsRecorder(metrics, `${hostname()}:${process.pid}`, Date.now);
 * setInterval(async () => { const interval = recorder.take(); if (interval) await store.append(interval); }, 15_000);
 */
export class ServiceStatsRecorder {
  readonly #metrics: ScoringMetrics;
  readonly #source: string;
  readonly #now: () => number;
  #last: RequestTotals & { cases: number; at: number };

  constructor(metrics: ScoringMetrics, source: string, now: () => number) {
    this.#metrics = metrics;
    this.#source = source;
    this.#now = now;
    this.#last = this.#totals();
  }

  /** What was served since the last call; undefined when no scoring request came. */
  take(): ServiceInterval | undefined {
    const current = this.#totals();
    const last = this.#last;
    if (current.requests === last.requests) return undefined;
    this.#last = current;
    return {
      source: this.#source,
      start: last.at,
      end: current.at,
      requests: current.requests - last.requests,
      serverErrors: current.serverErrors - last.serverErrors,
      clientErrors: current.clientErrors - last.clientErrors,
      cases: current.cases - last.cases,
      latencySum: current.latencySum - last.latencySum,
      latencyCounts: current.latencyCounts.map((count, b) => count - last.latencyCounts[b]!),
    };
  }

  #totals(): RequestTotals & { cases: number; at: number } {
    return {
      ...this.#metrics.httpDuration.totals(SCORING_ROUTES),
      cases: this.#metrics.predictions.total,
      at: this.#now(),
    };
  }
}

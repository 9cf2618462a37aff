/**
 * What one scoring process served during one interval: scoring requests (`/predict`, `/invocations`,
 * the inference protocol), how many were answered 5xx and 4xx, the cases scored, and the latency
 * histogram's counts per bucket of `LATENCY_BUCKETS_SECONDS` (not cumulative; the last count for
 * the unbounded bucket).
 */
export interface ServiceInterval {
  /** The process, unique among those sharing the store (host and pid). */
  readonly source: string;
  readonly start: number;
  readonly end: number;
  readonly requests: number;
  readonly serverErrors: number;
  readonly clientErrors: number;
  readonly cases: number;
  readonly latencySum: number;
  readonly latencyCounts: readonly number[];
}

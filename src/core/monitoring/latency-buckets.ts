/**
 * Upper bounds, in seconds, of the latency histogram of requests (Prometheus'
 * `http_request_duration_seconds` buckets, and the service statistics kept in the store); one more
 * bucket, unbounded, follows the last.
 */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

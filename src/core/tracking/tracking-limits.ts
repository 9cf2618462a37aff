/**
 * MLflow's limits on what may be logged, kept so that a client that works against MLflow works here
 * and nothing larger than MLflow accepts is stored.
 */
export const TRACKING_LIMITS = {
  /** Longest param, metric or tag key. */
  maxKeyLength: 250,
  maxParamValueLength: 6000,
  maxTagValueLength: 8000,
  maxExperimentTagValueLength: 5000,
  maxModelRegistryTagValueLength: 5000,
  maxEntityNameLength: 500,
  maxAliasLength: 255,
  /** log-batch: at most this many metrics, params + tags, and entities in all. */
  maxMetricsPerBatch: 1000,
  maxParamsTagsPerBatch: 100,
  maxEntitiesPerBatch: 1000,
  /** Searches: the default page size and the largest a caller may ask for. */
  defaultMaxResults: 1000,
  maxResultsSearchRuns: 50000,
  maxResultsSearchModels: 1000,
} as const;

export type { Experiment } from './experiment.js';
export type { LifecycleStage } from './lifecycle-stage.js';
export type { Metric } from './metric.js';
export type { ModelAlias } from './model-alias.js';
export { MODEL_STAGES, type ModelStage, parseModelStage } from './model-stage.js';
export type { ModelVersion } from './model-version.js';
export type { ModelVersionStatus } from './model-version-status.js';
export type { OrderBy } from './order-by.js';
export { decodePageToken, encodePageToken } from './page-token.js';
export type { Param } from './param.js';
export { parseOrderBy } from './parse-order-by.js';
export { parseSearchFilter } from './parse-search-filter.js';
export type { RegisteredModel } from './registered-model.js';
export type { Run } from './run.js';
export type { RunInfo } from './run-info.js';
export { isTerminalRunStatus, RUN_STATUSES, type RunStatus } from './run-status.js';
export type { FilterComparison, FilterEntity, FilterOperator, SearchFilter } from './search-filter.js';
export {
  EXPERIMENT_SEARCH_SCHEMA,
  MODEL_VERSION_SEARCH_SCHEMA,
  REGISTERED_MODEL_SEARCH_SCHEMA,
  RUN_SEARCH_SCHEMA,
  type SearchSchema,
  type TermRule,
} from './search-schema.js';
export type { Tag } from './tag.js';
export { TRACKING_LIMITS } from './tracking-limits.js';
export {
  validateAlias,
  validateEntityName,
  validateKey,
  validateMaxResults,
  validateMetricValues,
  validateValueLength,
} from './tracking-validation.js';
export { VIEW_TYPES, type ViewType } from './view-type.js';

export { DEFAULT_PRESET } from './default-preset.js';
export { evaluateFoldTask } from './evaluate-fold-task.js';
export { type FoldLayout, foldLayout } from './fold-layout.js';
export { foldSplit, type LabelledRows } from './fold-split.js';
export { foldStatistics } from './fold-statistics.js';
export type { FoldResult, FoldTask } from './fold-task.js';
export { scoringTreeCount, searchProbabilities, trainSearchBooster } from './fold-trainer.js';
export { inProcessExecutor } from './in-process-executor.js';
export { ORIGINAL_PRESET } from './original-preset.js';
export { drawParameter, type ParameterDistribution } from './parameter-distribution.js';
export { refitParams } from './refit-params.js';
export { type RunSearchOptions, runSearch, type SearchProgress } from './run-search.js';
export { SearchBudget } from './search-budget.js';
export type { SearchCandidate } from './search-candidate.js';
export { searchCandidates } from './search-candidates.js';
export { type Allocate, prepareSearchData, type SearchData } from './search-data.js';
export type { SearchExecutor, SearchExecutorFactory } from './search-executor.js';
export { DOMAIN_FEATURES, ORIGINAL_FEATURES, type SearchFeatureSet } from './search-feature-set.js';
export {
  CONTRACT_COLUMNS,
  type FeatureColumns,
  type FittedSearchFeatures,
  fitSearchFeatures,
  searchFeatureSpec,
} from './search-features.js';
export type { SearchPreset } from './search-preset.js';
export { SEARCH_PRESETS, searchPreset } from './search-presets.js';
export type { CandidateScore, SearchResult, SearchTimings } from './search-result.js';
export type {
  GridSpace,
  SampledSpace,
  SearchableParam,
  SearchSpace,
  UnionSpace,
} from './search-space.js';
export {
  type PresetForData,
  presetForData,
  SMALL_DATA_MINORITY_ROWS,
  SMALL_DATA_PRESET,
} from './small-data-preset.js';
export { stratifiedKFold } from './stratified-k-fold.js';
export { type TrainingRun, trainingRuns } from './training-run.js';

export { type BinCodes, BinMapper } from './bin-mapper.js';
export { BlockSteps } from './block-steps.js';
export type { Booster, ObjectiveName } from './booster.js';
export { type EvalMetric, evalMetricByName } from './eval-metric.js';
export type { FeatureMatrix } from './feature-matrix.js';
export { type Objective, objectiveByName } from './objective.js';
// Training
export {
  DEFAULT_PARAMS,
  type EvalMetricName,
  type GbdtParams,
  type GbdtParamsInput,
  type GrowPolicy,
  resolveParams,
} from './parameters.js';
export { type FeatureCuts, quantileCuts } from './quantile-cuts.js';
export { calcGain, calcWeight, type GainParams } from './split-gain.js';
export {
  type BinnedMatrix,
  binMatrix,
  type EvalSet,
  type EvaluationHistory,
  type TrainOptions,
  type TrainResult,
  trainBooster,
} from './train-booster.js';
export { type BlockRunner, singleThreadBackend, type TrainingBackend } from './training-backend.js';
export {
  type TrainingWorkspace,
  viewWorkspace,
  type WorkspaceBuffers,
  type WorkspaceLayout,
} from './training-workspace.js';
export { nodeCount, ROOT_PARENT, type Tree } from './tree.js';
export { addTreeMargins } from './tree-margins.js';

export { type CategoryCodes, categoryCodes } from './category-codes.js';
export { categoryLabel } from './category-label.js';
export {
  DOMAIN_FEATURE_INPUTS,
  DOMAIN_FEATURE_NAMES,
  type DomainFeatureName,
  domainFeature,
} from './domain-features.js';
export { FEATURE_FINDING_CODES } from './feature-finding-codes.js';
export { featureNames, oneHotName } from './feature-names.js';
export {
  type DomainState,
  FEATURE_PIPELINE_VERSION,
  type FeaturePipelineState,
  type OneHotState,
} from './feature-pipeline-state.js';
export { type FeatureSource, featureSources } from './feature-sources.js';
export type { FeatureSpec, MissingPolicy } from './feature-spec.js';
export { fitFeaturePipeline } from './fit-feature-pipeline.js';
export { parseNumberText } from './number-text.js';
export { type NumericValues, numericValues } from './numeric-values.js';
export { fitOneHot, transformOneHot } from './one-hot-encoder.js';
export { parseFeaturePipelineState } from './parse-feature-pipeline-state.js';
export {
  createRecordTransformer,
  type RecordIssue,
  type RecordTransformer,
  type TransformedRecord,
} from './record-transformer.js';
export { type TransformedFeatures, transformFeatures } from './transform-features.js';

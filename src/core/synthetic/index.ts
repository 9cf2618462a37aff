export { alertDates } from './alert-dates.js';
export { generateCases } from './generate-cases.js';
export {
  type GenerateOptions,
  type ResolvedGenerateOptions,
  resolveGenerateOptions,
} from './generate-options.js';
export type { GeneratedCases } from './generated-cases.js';
export { launderingScore, type RiskLevel, sigmoid } from './laundering-score.js';
export { TYPOLOGY } from './typology-parameters.js';

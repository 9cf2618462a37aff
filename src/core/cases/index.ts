export { type AlertCase, CASE_STATES, type CaseScore, type CaseState } from './alert-case.js';
export { type ConclusionChoices, conclusionLabel } from './case-conclusion.js';
export type { CaseDay } from './case-day.js';
export { type CaseOpeningKind, caseOpeningKind } from './case-opening-rule.js';
export {
  type BudgetPromise,
  type LiveAlertBudget,
  type LiveBudgetInput,
  type LiveCaseTotals,
  liveAlertBudget,
  type OpenedPerDay,
} from './live-alert-budget.js';
export { LIVE_BUDGET_FINDING_CODES, type LiveBudgetFindingCode } from './live-budget-finding-codes.js';
export { sampleDraw } from './sample-draw.js';

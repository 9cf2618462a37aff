export { type AlertCase, CASE_STATES, type CaseScore, type CaseState } from './alert-case.js';
export { type ConclusionChoices, conclusionLabel } from './case-conclusion.js';
export { type CaseOpeningKind, caseOpeningKind } from './case-opening-rule.js';
export { sampleDraw } from './sample-draw.js';

import type { Severity } from '../findings/index.js';

/**
 * Every finding of the live alert budget (`liveAlertBudget`): what happened to a version's cases
 * compared with what its alert threshold promised. None is fatal; docs/alert-budget.md lists them.
 */
export const LIVE_BUDGET_FINDING_CODES = {
  LIVE_NO_THRESHOLD: {
    severity: 'info',
    description: 'The version has no alert threshold: its scores open no case, and nothing was promised.',
  },
  LIVE_NO_CASES: {
    severity: 'info',
    description: 'No case was opened by the version since its alert threshold was set (or in the window).',
  },
  LIVE_NO_FULL_DAY: {
    severity: 'info',
    description: 'Cases were opened, but no complete UTC day has been observed yet: no figure per day.',
  },
  LIVE_OVER_CAPACITY: {
    severity: 'warning',
    description: 'The median of the alerted cases opened a day is more than 10% over the capacity.',
  },
  LIVE_UNDER_CAPACITY: {
    severity: 'info',
    description: 'The median of the alerted cases opened a day is more than 10% under the capacity.',
  },
  LIVE_WITHIN_CAPACITY: {
    severity: 'info',
    description: 'The median of the alerted cases opened a day is within 10% of the capacity.',
  },
  LIVE_ALERTS_ABOVE_EXPECTED: {
    severity: 'warning',
    description:
      'The median of the alerted cases opened a day is more than 20% above the alert rate times the daily volume.',
  },
  LIVE_ALERTS_BELOW_EXPECTED: {
    severity: 'warning',
    description:
      'The median of the alerted cases opened a day is more than 20% below the alert rate times the daily volume.',
  },
  LIVE_ALERTS_AS_EXPECTED: {
    severity: 'info',
    description: 'The median of the alerted cases opened a day is within 20% of the expected alerts a day.',
  },
  LIVE_PRECISION_TOO_FEW: {
    severity: 'info',
    description: 'Fewer than 30 alerted cases are concluded: the live precision is not compared.',
  },
  LIVE_PRECISION_BELOW_EXPECTED: {
    severity: 'warning',
    description: "The expected precision lies above the 95% interval of the concluded cases' precision.",
  },
  LIVE_PRECISION_ABOVE_EXPECTED: {
    severity: 'info',
    description: "The expected precision lies below the 95% interval of the concluded cases' precision.",
  },
  LIVE_PRECISION_AS_EXPECTED: {
    severity: 'info',
    description: "The expected precision lies within the 95% interval of the concluded cases' precision.",
  },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type LiveBudgetFindingCode = keyof typeof LIVE_BUDGET_FINDING_CODES;

import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of the alert budget: the threshold that sends a team the cases it can review (`amlops threshold`). */
export const alertBudgetCodes = {
  ALERT_BUDGET_INVALID: {
    status: 400,
    exit: EXIT.usage,
    description:
      'A capacity, daily volume or threshold the alert budget cannot use: a capacity that is not a positive number of cases a day, none given, a daily volume smaller than the capacity, a threshold outside [0, 1]; the message names the value and where it came from.',
  },
  TEST_EVALUATION_MISSING: {
    status: 409,
    exit: EXIT.data,
    description:
      "The model version has no test evaluation to read an alert budget from (imported, or its training run or that run's `evaluation.json` is gone): train again, or measure it on labelled cases with `amlops evaluate --model NAME/VERSION --data FILE`.",
  },
  THRESHOLD_TABLE_MISSING: {
    status: 409,
    exit: EXIT.data,
    description:
      "The version's test evaluation was written before amlops kept a threshold table in `evaluation.json`: train again, or measure the version with `amlops evaluate --model NAME/VERSION --data FILE`, whose evaluation has one.",
  },
} as const satisfies Record<string, ErrorSpec>;

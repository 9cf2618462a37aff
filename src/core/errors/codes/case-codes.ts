import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of the analysts' cases (`amlops cases`, `/api/v1/cases`). */
export const caseCodes = {
  CASE_NOT_FOUND: {
    status: 404,
    exit: EXIT.noInput,
    description:
      'No case has this id (`amlops cases list` lists them; a case goes when its subject is erased). Nothing was changed.',
  },
  CASE_ALREADY_CONCLUDED: {
    status: 409,
    exit: EXIT.data,
    description:
      'The case is concluded already: it cannot be concluded again or assigned. Its conclusion, who and when are in `amlops cases show ID`; a later alert on the same subject opens a new case. Nothing was changed.',
  },
  CASE_CONCLUSION_UNKNOWN: {
    status: 400,
    exit: EXIT.usage,
    description:
      'The conclusion is not one of the configured ones (data.negativeValue, which is label 0, and data.positiveValues, label 1); the message lists them. Nothing was changed.',
  },
} as const satisfies Record<string, ErrorSpec>;

import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of live and batch scoring: bad input, unknown models, feedback. The scoring service owns this table. */
export const scoringCodes = {
  SCORING_INPUT_INVALID: {
    status: 400,
    exit: EXIT.data,
    description:
      'A scoring request has the wrong shape: not the columns or records expected, columns of unequal length, no rows.',
  },
  SCORING_COLUMN_MISSING: {
    status: 400,
    exit: EXIT.data,
    description: 'A column the model needs is absent from the scoring input; the message lists them.',
  },
  SCORING_VALUE_INVALID: {
    status: 400,
    exit: EXIT.data,
    description:
      'A value cannot be scored: not a number or numeric text, NaN, Infinity, a negative amount, or not a category label. The message names the column and row.',
  },
  SCORING_TOO_MANY_ROWS: {
    status: 413,
    exit: EXIT.data,
    description: 'A scoring request has more rows than `scoring.maxRows` allows.',
  },
  SCORING_MODEL_REF_INVALID: {
    status: 400,
    exit: EXIT.usage,
    description: 'A model reference is not `NAME`, `NAME@ALIAS` or `NAME/VERSION`.',
  },
  SCORING_MODEL_NOT_FOUND: {
    status: 404,
    exit: EXIT.noInput,
    description: 'The model, alias or version asked for is not in the registry, or not loadable.',
  },
  SCORING_MODEL_NOT_READY: {
    status: 503,
    exit: EXIT.unavailable,
    description: 'No model is loaded yet (none in production, or it is still loading); try again shortly.',
  },
  AUDIT_UNAVAILABLE: {
    status: 503,
    exit: EXIT.unavailable,
    description:
      'The audit log cannot take the cases of this request now: this serving process already holds `audit.maxBacklogMb` of answered cases the store has not taken yet (it is slow or unreachable), or its spool file cannot be written. The request is not answered, so that no score goes unrecorded; `Retry-After` says when to try again.',
  },
  FEEDBACK_INVALID: {
    status: 400,
    exit: EXIT.data,
    description: 'A feedback body is not `{request_id, row, conclusion}` or `{case_id, conclusion}`.',
  },
  FEEDBACK_CASE_NOT_FOUND: {
    status: 404,
    exit: EXIT.noInput,
    description:
      'Feedback names a scored case (request id and row, or case id) that the audit log does not hold.',
  },
} as const satisfies Record<string, ErrorSpec>;

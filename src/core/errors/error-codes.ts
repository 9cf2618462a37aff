import { alertBudgetCodes } from './codes/alert-budget-codes.js';
import { alertCodes } from './codes/alert-codes.js';
import { caseCodes } from './codes/case-codes.js';
import { configCodes } from './codes/config-codes.js';
import { dataCodes } from './codes/data-codes.js';
import { generalCodes } from './codes/general-codes.js';
import { httpCodes } from './codes/http-codes.js';
import { modelCodes } from './codes/model-codes.js';
import { pipelineCodes } from './codes/pipeline-codes.js';
import { qualityCodes } from './codes/quality-codes.js';
import { scoringCodes } from './codes/scoring-codes.js';
import { storeCodes } from './codes/store-codes.js';
import type { ErrorSpec } from './error-spec.js';

/**
 * The one registry of error codes: each code's HTTP status, CLI exit code and meaning.
 * Each domain keeps its own table in `codes/`; `docs/errors.md` is generated from this object.
 */
export const ERROR_CODES = {
  ...generalCodes,
  ...configCodes,
  ...dataCodes,
  ...modelCodes,
  ...storeCodes,
  ...httpCodes,
  ...scoringCodes,
  ...pipelineCodes,
  ...qualityCodes,
  ...alertCodes,
  ...alertBudgetCodes,
  ...caseCodes,
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of data quality and drift reports. */
export const qualityCodes = {
  QUALITY_REPORT_NOT_FOUND: {
    status: 404,
    exit: EXIT.noInput,
    description: 'No quality report has that id.',
  },
  QUALITY_REFERENCE_MISSING: {
    status: 409,
    exit: EXIT.data,
    description:
      'The production version has no reference sample of its training data (it was trained before amlops kept one, or imported): retrain it to monitor live drift.',
  },
} as const satisfies Record<string, ErrorSpec>;

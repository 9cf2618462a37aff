import type { Severity } from '../findings/index.js';

/**
 * Every finding a quality report can hold, with its usual severity and meaning. None is fatal: what
 * stops a pipeline or fires an alert is the caller's decision (alert rules read the drift figures).
 */
export const QUALITY_FINDING_CODES = {
  EMPTY_DATASET: {
    severity: 'warning',
    description: 'One side of the report has no rows (an empty live window).',
  },
  DATASET_DRIFT: {
    severity: 'warning',
    description: 'At least the threshold share (0.5) of the tested columns drifted.',
  },
  COLUMN_DRIFT: { severity: 'warning', description: "A column's drift test says it drifted." },
  SCORE_DRIFT: { severity: 'warning', description: "The model's score distribution drifted." },
  TARGET_DRIFT: { severity: 'warning', description: "The target's distribution drifted." },
  PSI_HIGH: {
    severity: 'warning',
    description:
      'Population stability index at or above 0.25 (a significant shift; 0.1 to 0.25 is reported as info).',
  },
  NEW_CATEGORIES: {
    severity: 'warning',
    description: 'Categories in current never seen in reference (a model scores them as missing).',
  },
  MISSING_CATEGORIES: { severity: 'info', description: 'Categories of reference absent from current.' },
  COLUMN_ABSENT: { severity: 'warning', description: 'A column is in one dataset but not in the other.' },
  COLUMN_KIND_DIFFERS: {
    severity: 'warning',
    description: 'A column is numeric in one dataset and text or categorical in the other; it is not tested.',
  },
  NON_NUMERIC_VALUES: {
    severity: 'warning',
    description:
      'Cells of a configured numeric column that are not numbers; they count as missing in the report.',
  },
  COLUMN_NOT_TESTED: {
    severity: 'info',
    description: 'A column has no present value on one side, so its drift cannot be tested.',
  },
  MISSING_SHARE_ROSE: {
    severity: 'warning',
    description: "A column's share of missing values in current exceeds reference's by 5 points or more.",
  },
  EMPTY_COLUMN: { severity: 'warning', description: 'A column of current has no present value.' },
  CONSTANT_COLUMN: { severity: 'info', description: 'A column of current holds one value in every row.' },
  ALMOST_CONSTANT_COLUMN: {
    severity: 'info',
    description: 'One value (or missing) fills 95% or more of a column of current.',
  },
  DUPLICATED_ROWS: {
    severity: 'info',
    description: 'Rows of current equal in every column to an earlier row.',
  },
  DUPLICATED_COLUMNS: { severity: 'info', description: 'Columns of current equal in every row.' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type QualityFindingCode = keyof typeof QUALITY_FINDING_CODES;

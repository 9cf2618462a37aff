import type { Severity } from '../findings/index.js';

/**
 * Every finding dataset validation can return, with its severity and meaning: the one place to
 * read (and to generate documentation from) what `amlops validate` checks.
 */
export const DATASET_FINDING_CODES = {
  EMPTY_DATASET: { severity: 'fatal', description: 'The file has no data rows.' },
  MISSING_COLUMN: {
    severity: 'fatal',
    description: 'A configured feature column or the target column is not in the file.',
  },
  NON_NUMERIC_VALUE: {
    severity: 'fatal',
    description: "A numeric column holds text that is not a number (such as '12,5', 'abc', '$5').",
  },
  NON_FINITE_VALUE: {
    severity: 'fatal',
    description: "A numeric column holds 'NaN' or 'Infinity' written out; leave the cell empty for missing.",
  },
  NEGATIVE_AMOUNT: {
    severity: 'fatal',
    description: 'A numeric column (an amount in USD) holds a negative value.',
  },
  MISSING_TARGET: {
    severity: 'fatal',
    description: 'Rows whose conclusion is empty, so they have no label.',
  },
  SINGLE_CLASS_TARGET: {
    severity: 'fatal',
    description: 'Every labelled row has the same label, so no model can be trained or evaluated.',
  },
  UNKNOWN_TARGET_VALUE: {
    severity: 'warning',
    description:
      'Conclusions that are neither the negative value nor a known positive value; they count as label 1.',
  },
  DUPLICATE_ROWS: { severity: 'warning', description: 'Rows equal in every column to an earlier row.' },
  MISSING_VALUES: { severity: 'info', description: 'Share of empty cells in a column.' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type DatasetFindingCode = keyof typeof DATASET_FINDING_CODES;

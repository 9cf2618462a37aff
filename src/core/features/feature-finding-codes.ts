import type { Severity } from '../findings/finding.js';

/**
 * Every finding `transformFeatures` can return, with its severity and meaning. None is fatal here:
 * whether bad input stops the work is the caller's decision (validation refuses it before training).
 */
export const FEATURE_FINDING_CODES = {
  UNSEEN_CATEGORY: {
    severity: 'warning',
    description:
      'Values of a categorical column never seen in training, encoded as all zeros (as DictVectorizer did); the finding lists the values and their counts.',
  },
  FOLDED_CATEGORY: {
    severity: 'info',
    description:
      'Values of a categorical column that match a category only once trimmed and case-folded (" high " for HIGH), encoded as that category; the finding lists the spellings and their counts.',
  },
  MISSING_CATEGORY: {
    severity: 'info',
    description:
      'Missing values of a categorical column, imputed with the most frequent training value (or all zeros).',
  },
  NON_NUMERIC_VALUE: {
    severity: 'warning',
    description:
      'Present values of a numeric column that are not numbers, scored as missing (never as zero).',
  },
} as const satisfies Record<string, { severity: Severity; description: string }>;

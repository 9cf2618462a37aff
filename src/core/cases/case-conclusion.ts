import { AmlopsError } from '../errors/index.js';

/** The conclusions analysts may reach: the negative one (label 0) and the known positive ones (label 1). */
export interface ConclusionChoices {
  readonly negative: string;
  readonly positives: readonly string[];
}

/**
 * The label a conclusion records (0 for the negative conclusion, 1 for a positive one), or
 * CASE_CONCLUSION_UNKNOWN naming the allowed ones: a case is concluded only with a configured
 * conclusion, so that the labels it makes are the ones training reads.
 *
 * @example
 * conclusionLabel('REPORTED_TO_AUTHORITY', { negative: 'CLOSED_NO_ROI', positives: ['CLOSED_WITH_ROI', 'REPORTED_TO_AUTHORITY'] }); // 1
 */
export function conclusionLabel(conclusion: string, choices: ConclusionChoices): 0 | 1 {
  if (conclusion === choices.negative) return 0;
  if (choices.positives.includes(conclusion)) return 1;
  const known = [choices.negative, ...choices.positives];
  throw new AmlopsError(
    'CASE_CONCLUSION_UNKNOWN',
    `${JSON.stringify(conclusion)} is not a conclusion: use one of ${known.join(', ')} (settings data.negativeValue and data.positiveValues)`,
    { conclusion, conclusions: known },
  );
}

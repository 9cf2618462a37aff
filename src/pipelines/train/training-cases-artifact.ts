import type { ConcludedCase } from '../../ports/case-store.js';

/** The run artifact listing the concluded cases a training used, and the run tags counting them. */
export const TRAINING_CASES = {
  path: 'training-cases.csv',
  countTag: 'amlops.training_cases',
  sampledTag: 'amlops.training_cases.sampled',
} as const;

/** A CSV cell: quoted when it holds a comma, quote or line end. */
function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The evidence of which cases a training used, in the order of their rows (after any data file's):
 * case id, the scored case whose inputs were used (`request#row`), subject, conclusion and label,
 * whether it was sampled below the threshold, the version that scored it and when it was opened
 * and concluded.
 *
 * @example
 * await files.put(TRAINING_CASES.path, trainingCasesCsv(scratch.trainingCases));
 */
export function trainingCasesCsv(cases: readonly ConcludedCase[]): string {
  const header =
    'case_id,scored_case,subject,conclusion,label,sampled,model_name,model_version,opened_at,concluded_at';
  const lines = cases.map((c) =>
    [
      c.caseId,
      `${c.requestId}#${c.row}`,
      c.subject,
      c.conclusion,
      c.label,
      c.sampled ? 1 : 0,
      c.modelName,
      c.modelVersion,
      new Date(c.openedAt).toISOString(),
      new Date(c.concludedAt).toISOString(),
    ]
      .map(cell)
      .join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

import type { AlertCase } from '../core/cases/index.js';
import { type ConclusionChoices, conclusionLabel } from '../core/cases/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { CaseStore } from '../ports/case-store.js';

/** Longest note kept with a conclusion. */
const NOTE_CHARS = 4000;

/** The analyst's decision on a case. */
export interface ConcludeCaseInput {
  readonly id: number;
  readonly conclusion: string;
  readonly note?: string;
  /** Who concludes: a person, or the API key's name. */
  readonly by: string;
}

function who(by: string, what: string): string {
  const name = by.trim();
  if (name === '' || name.length > 250)
    throw new AmlopsError('USAGE', `say who ${what} (a name of at most 250 characters)`);
  return name;
}

/**
 * Concludes a case with one of the configured conclusions and a note: the conclusion's label is
 * recorded on the case and, as `POST /feedback` records it, on each of its scored cases.
 * CASE_CONCLUSION_UNKNOWN, USAGE (no name, a note too long) before anything is read;
 * CASE_NOT_FOUND and CASE_ALREADY_CONCLUDED from the store; nothing changed on any of them.
 *
 * @example
 * await concludeCase(cases, { negative: 'CLOSED_NO_ROI', positives: ['REPORTED_TO_AUTHORITY'] }, { id: 7, conclusion: 'REPORTED_TO_AUTHORITY', note: 'structuring', by: 'ana' });
 */
export async function concludeCase(
  cases: Pick<CaseStore, 'conclude'>,
  choices: ConclusionChoices,
  input: ConcludeCaseInput,
  now: () => number = Date.now,
): Promise<AlertCase> {
  const label = conclusionLabel(input.conclusion, choices);
  const note = input.note ?? '';
  if (note.length > NOTE_CHARS)
    throw new AmlopsError('USAGE', `the note has ${note.length} characters; at most ${NOTE_CHARS}`);
  const by = who(input.by, 'concludes the case');
  return cases.conclude({ id: input.id, conclusion: input.conclusion, label, note, by, at: now() });
}

/**
 * Gives a case to an analyst (it moves to in review), recording who gave it and when; USAGE
 * without names, CASE_NOT_FOUND, CASE_ALREADY_CONCLUDED.
 *
 * @example
 * await assignCase(cases, { id: 7, assignee: 'ana', by: 'lead' });
 */
export async function assignCase(
  cases: Pick<CaseStore, 'assign'>,
  input: { readonly id: number; readonly assignee: string; readonly by: string },
  now: () => number = Date.now,
): Promise<AlertCase> {
  const assignee = who(input.assignee, 'takes the case');
  const by = who(input.by, 'assigns the case');
  return cases.assign({ id: input.id, assignee, by, at: now() });
}

/**
 * A case id as a person writes it (`12`, `#12`): USAGE when it is not a positive integer.
 *
 * @example
 * caseIdOf('#12'); // 12
 */
export function caseIdOf(text: string): number {
  const match = /^#?([1-9][0-9]{0,14})$/.exec(text.trim());
  if (!match)
    throw new AmlopsError(
      'USAGE',
      `a case id is a positive integer (as amlops cases list prints it); got '${text}'`,
    );
  return Number(match[1]);
}

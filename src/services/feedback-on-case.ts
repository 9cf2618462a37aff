import { type ConclusionChoices, conclusionLabel } from '../core/cases/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { CaseStore } from '../ports/case-store.js';
import type { CaseFeedback, FeedbackLog } from '../ports/feedback-log.js';

/** The analysts' cases as feedback sees them: the case a scored case is attached to, and concluding it. */
export interface FeedbackCases {
  readonly store: Pick<CaseStore, 'activeCaseOf' | 'conclude'>;
  readonly conclusions: ConclusionChoices;
}

/** What feedback did to the case its scored case is attached to. */
export interface FeedbackCaseOutcome {
  readonly id: number;
  readonly concluded: boolean;
  /** Why the case stays open, when it does. */
  readonly reason?: string;
}

/**
 * Records an analyst's conclusion on a scored case (`POST /feedback`). When that scored case is
 * attached to a case still in the analysts' queue, and the conclusion is one of the configured ones,
 * the case is concluded with it (which records the same feedback on each of its scored cases, in one
 * transaction), so that the queue does not offer work already done. With another conclusion the
 * feedback alone is recorded and the case stays open, with the reason. Returns the case's outcome,
 * or null when the scored case is attached to no open case.
 *
 * @example
 * const outcome = await recordFeedbackOnCase(feedbackLog, { store: cases, conclusions }, feedback);
 */
export async function recordFeedbackOnCase(
  log: Pick<FeedbackLog, 'recordFeedback'>,
  cases: FeedbackCases | undefined,
  feedback: CaseFeedback & { readonly requestId: string; readonly row: number },
): Promise<FeedbackCaseOutcome | null> {
  const attached = cases ? await cases.store.activeCaseOf(feedback) : undefined;
  if (!cases || !attached) {
    await log.recordFeedback(feedback);
    return null;
  }
  let label: 0 | 1;
  try {
    label = conclusionLabel(feedback.conclusion, cases.conclusions);
  } catch (error) {
    await log.recordFeedback(feedback);
    return { id: attached.id, concluded: false, reason: (error as Error).message };
  }
  try {
    await cases.store.conclude({
      id: attached.id,
      conclusion: feedback.conclusion,
      label,
      note: `concluded by POST /feedback on request ${feedback.requestId} row ${feedback.row}`,
      by: feedback.analyst !== '' ? feedback.analyst : 'POST /feedback (no analyst named)',
      at: feedback.time,
    });
    return { id: attached.id, concluded: true };
  } catch (error) {
    // Concluded by someone else a moment ago: the feedback still counts on its own.
    if (!(error instanceof AmlopsError) || error.code !== 'CASE_ALREADY_CONCLUDED') throw error;
    await log.recordFeedback(feedback);
    return { id: attached.id, concluded: false, reason: 'the case was concluded by someone else meanwhile' };
  }
}

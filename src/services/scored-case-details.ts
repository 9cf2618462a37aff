import { AmlopsError } from '../core/errors/index.js';
import type { AuditLog, ScoredCase } from '../ports/audit-log.js';
import type { CaseFeedback, FeedbackLog } from '../ports/feedback-log.js';

/** A scored case and the conclusions analysts reached on it, oldest first. */
export interface ScoredCaseDetails {
  readonly case: ScoredCase;
  readonly conclusions: readonly CaseFeedback[];
}

/**
 * The scored case at a request id and row (its latest scoring, as feedback names it) with its
 * conclusions; NOT_FOUND when the audit log has none (never scored, deleted by the retention or
 * erased).
 *
 * @example
 * const { case: scored, conclusions } = await scoredCaseDetails(log, feedbackLog, { requestId, row: 0 });
 */
export async function scoredCaseDetails(
  log: Pick<AuditLog, 'findCase'>,
  feedbackLog: Pick<FeedbackLog, 'listFeedback'>,
  ref: { readonly requestId: string; readonly row: number },
): Promise<ScoredCaseDetails> {
  const scored = await log.findCase(ref);
  if (!scored)
    throw new AmlopsError(
      'NOT_FOUND',
      `no scored case for request ${ref.requestId} row ${ref.row} in the audit log`,
      { request_id: ref.requestId, row: ref.row },
    );
  const conclusions = await feedbackLog.listFeedback({ requestId: ref.requestId, row: ref.row });
  return { case: scored, conclusions };
}

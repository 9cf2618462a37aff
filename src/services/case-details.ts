import type { AlertCase, CaseScore } from '../core/cases/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { CaseReasons } from '../core/scoring/case-reasons.js';
import type { AuditLog, ScoredCase } from '../ports/audit-log.js';
import type { CaseStore } from '../ports/case-store.js';

/** Everything an analyst sees of a case. */
export interface CaseDetails {
  readonly case: AlertCase;
  /** The scored case behind the case's score (its highest): its inputs as scored, time, caller; null when the audit log no longer has it. */
  readonly scored: ScoredCase | null;
  /** Why it scored so: TreeSHAP reasons by the model version that scored it; null with `reasonsUnavailable` when that version cannot be loaded. */
  readonly reasons: CaseReasons | null;
  readonly reasonsUnavailable?: string;
  /** Every scored case attached, oldest first. */
  readonly scores: readonly CaseScore[];
  /** The subject's other cases, newest first, with their conclusions. */
  readonly subjectCases: readonly AlertCase[];
}

/** What `caseDetails` reads. */
export interface CaseDetailsDeps {
  readonly cases: Pick<CaseStore, 'get' | 'scoresOf' | 'subjectCases'>;
  readonly auditLog: Pick<AuditLog, 'findCase'>;
  /** The reasons of an audited case by the model version that scored it (the scoring service's, or a loaded model's). */
  readonly explainCase?: (scored: ScoredCase) => Promise<CaseReasons>;
}

/**
 * A case with its top scored case (inputs, reasons by the version that scored it), its attached
 * scores, and the subject's other cases and conclusions; CASE_NOT_FOUND when there is none.
 *
 * @example
 * const details = await caseDetails({ cases, auditLog, explainCase }, 12);
 * details.reasons?.reasons[0]?.text; // 'risk_pld=HIGH +1.21'
 */
export async function caseDetails(deps: CaseDetailsDeps, id: number): Promise<CaseDetails> {
  const found = await deps.cases.get(id);
  if (!found) throw new AmlopsError('CASE_NOT_FOUND', `no case ${id}: amlops cases list lists them`, { id });
  const scores = await deps.cases.scoresOf(id);
  // The highest score (the latest of equal ones): what ranks the case in the queue.
  const top = scores.reduce<CaseScore | undefined>(
    (best, s) => (!best || s.score >= best.score ? s : best),
    undefined,
  );
  const scored = top
    ? ((await deps.auditLog.findCase({ requestId: top.requestId, row: top.row })) ?? null)
    : null;
  const subjectCases =
    found.subject === null ? [] : (await deps.cases.subjectCases(found.subject)).filter((c) => c.id !== id);
  return { case: found, scored, ...(await reasonsOf(scored, deps.explainCase)), scores, subjectCases };
}

async function reasonsOf(
  scored: ScoredCase | null,
  explainCase: CaseDetailsDeps['explainCase'],
): Promise<{ reasons: CaseReasons | null; reasonsUnavailable?: string }> {
  if (!scored)
    return {
      reasons: null,
      reasonsUnavailable: 'its scored case is no longer in the audit log (retention or erasure)',
    };
  if (!explainCase) return { reasons: null, reasonsUnavailable: 'no model is loaded to explain it' };
  try {
    return { reasons: await explainCase(scored) };
  } catch (error) {
    if (!(error instanceof AmlopsError)) throw error;
    return {
      reasons: null,
      reasonsUnavailable: `version ${scored.modelVersion} of ${scored.modelName} cannot explain it: ${error.message}`,
    };
  }
}

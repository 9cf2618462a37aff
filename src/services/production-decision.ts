import { AmlopsError } from '../core/errors/index.js';

/** Who changed production and why: recorded on the versions concerned. */
export interface ProductionDecision {
  /** A person (`alice`), or a process (`pipeline:train`). */
  readonly by: string;
  readonly reason: string;
}

/**
 * The decision with its fields trimmed; USAGE when who or why is missing, because a change of the
 * production model is recorded with both (DESIGN.md, "Safety rules of the domain").
 *
 * @example
 * checkDecision({ by: ' alice ', reason: 'better test ROC AUC' }); // { by: 'alice', reason: 'better test ROC AUC' }
 */
export function checkDecision(decision: ProductionDecision): ProductionDecision {
  const by = decision.by?.trim() ?? '';
  const reason = decision.reason?.trim() ?? '';
  if (by === '') throw new AmlopsError('USAGE', 'say who changes the production model (by)');
  if (reason === '') throw new AmlopsError('USAGE', 'say why the production model changes (reason)');
  if (by.length > 250 || reason.length > 4000)
    throw new AmlopsError('USAGE', 'who is at most 250 characters and the reason at most 4000');
  return { by, reason };
}

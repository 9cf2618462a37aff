import type { CaseReasons } from '../core/scoring/case-reasons.js';
import { columnarInput } from '../core/scoring/columnar-input.js';
import type { ModelScorer } from '../core/scoring/model-scorer.js';
import { validateScoringInput } from '../core/scoring/validate-scoring-input.js';
import type { ScoredCase } from '../ports/audit-log.js';

/**
 * The TreeSHAP reasons of an audited case's recorded inputs by a scorer (the version that scored
 * it): as `?explain=true` gave them when it was scored, with no new score recorded.
 *
 * @example
 * explainAuditedInputs(loaded.scorer, scored.inputs).reasons[0].text; // 'risk_pld=HIGH +1.21'
 */
export function explainAuditedInputs(scorer: ModelScorer, inputs: ScoredCase['inputs']): CaseReasons {
  const input = validateScoringInput(
    columnarInput(Object.entries(inputs).map(([name, value]) => [name, [value]] as const)),
    scorer.contract,
    1,
  );
  return scorer.explain(input, 0);
}

import type { GbdtParamsInput } from '../gbdt/parameters.js';
import type { CandidateScore } from './search-result.js';

/**
 * The parameters to refit a candidate with on the whole training split: as searched, except that a
 * candidate that stopped early gets a fixed number of trees, the mean of its folds' best tree
 * counts times `treeFactor`, and no early stopping (there is no held-out set left to watch).
 *
 * @example
 * refitParams({ params: { n_estimators: 2000, early_stopping_rounds: 20 }, foldTrees: [100, 120] } as CandidateScore, 1);
 * // { n_estimators: 110 }
 */
export function refitParams(candidate: CandidateScore, treeFactor: number): GbdtParamsInput {
  if (candidate.params.early_stopping_rounds === undefined) return candidate.params;
  const { early_stopping_rounds: _, ...rest } = candidate.params;
  const meanTrees = candidate.foldTrees.reduce((a, b) => a + b, 0) / Math.max(1, candidate.foldTrees.length);
  return { ...rest, n_estimators: Math.max(1, Math.round(meanTrees * treeFactor)) };
}

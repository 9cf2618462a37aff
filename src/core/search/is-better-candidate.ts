import type { CandidateScore } from './search-result.js';

/**
 * Whether `a` beats `b`: a higher mean ROC AUC, or among equals the lower index, as scikit-learn's
 * `best_index_`. A NaN mean never wins.
 *
 * @example
 * isBetterCandidate({ ...c, index: 3, meanAuc: 0.9 }, { ...c, index: 1, meanAuc: 0.9 }); // false
 */
export function isBetterCandidate(a: CandidateScore, b: CandidateScore): boolean {
  const am = Number.isNaN(a.meanAuc) ? Number.NEGATIVE_INFINITY : a.meanAuc;
  const bm = Number.isNaN(b.meanAuc) ? Number.NEGATIVE_INFINITY : b.meanAuc;
  return am > bm || (am === bm && a.index < b.index);
}

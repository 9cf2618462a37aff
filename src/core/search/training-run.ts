import { DEFAULT_PARAMS, type GbdtParamsInput } from '../gbdt/parameters.js';
import type { SearchCandidate } from './search-candidate.js';

/**
 * One training per fold shared by candidates that differ only in `n_estimators`: without early
 * stopping or sampling, boosting is sequential and deterministic, so the model of `k` trees is the
 * first `k` trees of any longer one. The original's grid needs 4 runs per fold instead of 16.
 */
export interface TrainingRun {
  readonly id: number;
  readonly featureSet: string;
  /** The candidates' parameters with the largest `n_estimators` among them. */
  readonly params: GbdtParamsInput;
  readonly candidates: readonly SearchCandidate[];
  /** Tree count scored for each candidate; empty when the run is one early-stopped candidate. */
  readonly treeCounts: readonly number[];
}

/**
 * Groups candidates into training runs, in the order of their first candidate.
 *
 * @example
 * trainingRuns(searchCandidates(ORIGINAL_PRESET.space, new Rng(0))).length; // 4 (one per max_depth)
 */
export function trainingRuns(candidates: readonly SearchCandidate[]): TrainingRun[] {
  const runs: { featureSet: string; params: GbdtParamsInput; members: SearchCandidate[]; shared: boolean }[] =
    [];
  const byKey = new Map<string, (typeof runs)[number]>();
  for (const candidate of candidates) {
    const p = candidate.params;
    const shareable =
      p.early_stopping_rounds === undefined && (p.subsample ?? 1) === 1 && (p.colsample_bytree ?? 1) === 1;
    const { n_estimators: _, ...rest } = p;
    const key = shareable ? JSON.stringify([candidate.featureSet, Object.entries(rest).sort()]) : undefined;
    const existing = key === undefined ? undefined : byKey.get(key);
    if (existing) {
      existing.members.push(candidate);
      continue;
    }
    const run = { featureSet: candidate.featureSet, params: p, members: [candidate], shared: shareable };
    runs.push(run);
    if (key !== undefined) byKey.set(key, run);
  }
  return runs.map((run, id) => {
    const most = Math.max(...run.members.map((c) => c.params.n_estimators ?? DEFAULT_PARAMS.n_estimators));
    return {
      id,
      featureSet: run.featureSet,
      params: { ...run.params, n_estimators: most },
      candidates: run.members,
      treeCounts: run.shared
        ? run.members.map((c) => c.params.n_estimators ?? DEFAULT_PARAMS.n_estimators)
        : [],
    };
  });
}

import { stratifiedSplit } from '../dataset/stratified-split.js';
import { AmlopsError } from '../errors/index.js';
import type { FeatureMatrix } from '../gbdt/feature-matrix.js';
import type { TrainingBackend } from '../gbdt/training-backend.js';
import { Rng } from '../random/rng.js';
import { crossValidate } from './cross-validate.js';
import { trainSearchBooster } from './fold-trainer.js';
import { isBetterCandidate } from './is-better-candidate.js';
import { refitParams } from './refit-params.js';
import { SearchBudget } from './search-budget.js';
import { searchCandidates } from './search-candidates.js';
import { prepareSearchData } from './search-data.js';
import type { SearchExecutorFactory } from './search-executor.js';
import type { SearchFeatureSet } from './search-feature-set.js';
import type { SearchPreset } from './search-preset.js';
import type { CandidateScore, SearchResult } from './search-result.js';
import type { SearchSpace } from './search-space.js';
import { stratifiedKFold } from './stratified-k-fold.js';
import { trainingRuns } from './training-run.js';

/** Reported after each candidate's cross-validation (and for each candidate skipped). */
export interface SearchProgress {
  readonly candidate: CandidateScore;
  /** Candidates evaluated or skipped so far, and in all. */
  readonly done: number;
  readonly total: number;
  readonly elapsedSeconds: number;
  readonly bestMeanAuc: number;
}

export interface RunSearchOptions {
  readonly preset: SearchPreset;
  /** Replaces the preset's space (the preset's folds, feature sets and budget still apply). */
  readonly space?: SearchSpace;
  /** Labels (0/1) of the training split. */
  readonly labels: ArrayLike<number>;
  /** The training split's feature matrix for a feature set; asked once per set the candidates use. */
  readonly matrixOf: (featureSet: SearchFeatureSet) => FeatureMatrix;
  readonly seed: number;
  /** Seconds for the whole search, refit included; the preset's budget by default. */
  readonly budgetSeconds?: number;
  /** Seconds to keep free after the refit (e.g. for the evaluation that follows). */
  readonly reserveSeconds?: number;
  readonly executor: SearchExecutorFactory;
  /** Monotonic seconds; injected, as `src/core` reads no clock. */
  readonly clock: () => number;
  readonly onCandidate?: (progress: SearchProgress) => void;
  /** Refit the best candidate on the whole training split (default true). */
  readonly refit?: boolean;
  /** Where the refit's row work runs (e.g. the engine's worker-thread backend); one thread by default. */
  readonly refitBackend?: TrainingBackend;
}

/**
 * Cross-validates the candidates of a preset (stratified, seeded folds; ROC AUC on each held-out
 * fold), as many as the time budget allows (the first training run always completes), picks the
 * candidate with the best mean AUC and refits it on the whole training split.
 *
 * @example
 * const result = await runSearch({
 *   preset: searchPreset('original'), labels, seed: 42, executor: inProcessExecutor,
 *   matrixOf: (set) => matrices[set.name]!, clock: () => performance.now() / 1000,
 * });
 * result.best.meanAuc; result.bestParams; result.booster;
 */
export async function runSearch(options: RunSearchOptions): Promise<SearchResult> {
  const { preset, clock } = options;
  const startedAt = clock();
  const budgetSeconds = options.budgetSeconds ?? preset.budgetSeconds;
  const root = new Rng(options.seed);
  const candidateRng = root.fork();
  const sampleRng = root.fork();
  const foldRng = root.fork();

  const candidates = searchCandidates(options.space ?? preset.space, candidateRng);
  const featureSets = new Map(preset.featureSets.map((set) => [set.name, set]));
  const matrices: Record<string, FeatureMatrix> = {};
  for (const name of new Set(candidates.map((c) => c.featureSet))) {
    const set = featureSets.get(name);
    if (!set)
      throw new AmlopsError(
        'USAGE',
        `candidates name feature set '${name}', which preset '${preset.name}' does not define`,
      );
    matrices[name] = options.matrixOf(set);
  }
  const n = options.labels.length;
  const sample =
    preset.maxSearchRows !== undefined && n > preset.maxSearchRows
      ? stratifiedSplit(options.labels, preset.maxSearchRows / n, sampleRng).test
      : undefined;
  const searchLabels = sample ? Uint8Array.from(sample, (row) => options.labels[row]!) : options.labels;
  requireBothClasses(searchLabels, preset.folds);
  const foldOf = stratifiedKFold(searchLabels, preset.folds, foldRng);
  const data = prepareSearchData(
    matrices,
    options.labels,
    foldOf,
    preset.folds,
    options.executor.allocate,
    sample,
  );
  const prepared = clock();

  const runs = trainingRuns(candidates);
  const budget = new SearchBudget(budgetSeconds, startedAt);
  const scores: CandidateScore[] = [];
  const executor = await options.executor.create(data);
  let budgetExhausted = false;
  try {
    budgetExhausted = await crossValidate(executor, runs, preset.folds, budget, {
      clock,
      taskRows: Math.round((data.labels.length * (preset.folds - 1)) / preset.folds),
      refitRows: n,
      treeFactor: preset.refitTreeFactor,
      reserveSeconds: options.reserveSeconds ?? 0,
      total: candidates.length,
      startedAt,
      scores,
      onCandidate: options.onCandidate,
    });
  } finally {
    await executor.close();
  }
  const searched = clock();

  const best = bestCandidate(scores);
  const bestParams = refitParams(best, preset.refitTreeFactor);
  let booster: SearchResult['booster'];
  if (options.refit !== false) {
    const labels = Float32Array.from(options.labels);
    booster = trainSearchBooster(
      { matrix: matrices[best.featureSet]!, labels },
      bestParams,
      undefined,
      options.refitBackend ? { backend: options.refitBackend } : {},
    ).booster;
  }
  const finished = clock();
  return {
    preset: preset.name,
    seed: options.seed,
    folds: preset.folds,
    searchRows: data.labels.length,
    trainRows: n,
    budgetSeconds,
    budgetExhausted,
    candidates: [...scores].sort((a, b) => a.index - b.index),
    best,
    bestParams,
    bestFeatureSet: best.featureSet,
    ...(booster ? { booster } : {}),
    timings: {
      prepareSeconds: prepared - startedAt,
      searchSeconds: searched - prepared,
      refitSeconds: finished - searched,
      totalSeconds: finished - startedAt,
    },
  };
}

/** Every fold needs a row of each class, or its ROC AUC does not exist. */
function requireBothClasses(labels: ArrayLike<number>, folds: number): void {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const fewest = Math.min(positives, labels.length - positives);
  if (fewest < folds)
    throw new AmlopsError(
      'DATA_TOO_SMALL',
      `${folds}-fold cross-validation needs at least ${folds} rows of each class; the training rows have ${positives} positives and ${labels.length - positives} negatives`,
      { positives, negatives: labels.length - positives, folds },
    );
}

function bestCandidate(scores: readonly CandidateScore[]): CandidateScore {
  let best: CandidateScore | undefined;
  for (const s of scores) if (s.status === 'evaluated' && (!best || isBetterCandidate(s, best))) best = s;
  if (!best) throw new Error('the search evaluated no candidate');
  return best;
}

import { foldStatistics } from './fold-statistics.js';
import type { FoldResult } from './fold-task.js';
import { isBetterCandidate } from './is-better-candidate.js';
import { refitParams } from './refit-params.js';
import type { SearchProgress } from './run-search.js';
import type { SearchBudget } from './search-budget.js';
import type { SearchExecutor } from './search-executor.js';
import type { CandidateScore } from './search-result.js';
import type { TrainingRun } from './training-run.js';

/** What `crossValidate` needs besides the runs: the clock, the refit's size and where to report. */
export interface CrossValidation {
  readonly clock: () => number;
  readonly taskRows: number;
  readonly refitRows: number;
  readonly treeFactor: number;
  readonly reserveSeconds: number;
  readonly total: number;
  readonly startedAt: number;
  readonly scores: CandidateScore[];
  readonly onCandidate: ((progress: SearchProgress) => void) | undefined;
}

/**
 * Runs the runs' fold tasks, `concurrency` at a time, in order; a run whose estimated time (with the
 * refit after it) would pass the budget is skipped. Each candidate's score is pushed to
 * `cv.scores` and reported as its run completes. Resolves true when some run was skipped.
 *
 * @example
 * const cut = await crossValidate(executor, trainingRuns(candidates), 5, new SearchBudget(60, clock()), cv);
 */
export function crossValidate(
  executor: SearchExecutor,
  runs: readonly TrainingRun[],
  folds: number,
  budget: SearchBudget,
  cv: CrossValidation,
): Promise<boolean> {
  const concurrency = Math.max(1, executor.concurrency);
  const results = runs.map(() => new Array<FoldResult | undefined>(folds));
  const runSeconds = new Float64Array(runs.length);
  const pending = new Int32Array(runs.length).fill(folds);
  let nextRun = 0;
  let nextFold = 0;
  let inFlight = 0;
  let cut = false;
  let failed = false;
  let best: CandidateScore | undefined;

  const report = (candidate: CandidateScore): void => {
    cv.scores.push(candidate);
    if (candidate.status === 'evaluated' && (!best || isBetterCandidate(candidate, best))) best = candidate;
    cv.onCandidate?.({
      candidate,
      done: cv.scores.length,
      total: cv.total,
      elapsedSeconds: cv.clock() - cv.startedAt,
      bestMeanAuc: best?.meanAuc ?? Number.NaN,
    });
  };

  /** Whether run `r` may start now: always the first; later ones when the estimates say it fits. */
  const fits = (r: number): boolean => {
    if (r === 0) return true;
    const params = runs[r]!.params;
    const refits = [budget.expectedRefit(params, cv.treeFactor)];
    if (best) refits.push(refitParams(best, cv.treeFactor));
    return budget.allowsRun(cv.clock(), {
      params,
      folds,
      concurrency,
      taskRows: cv.taskRows,
      refitParams: refits,
      refitRows: cv.refitRows,
      reserveSeconds: cv.reserveSeconds,
    });
  };

  return new Promise((resolve, reject) => {
    const pump = (): void => {
      while (!failed && inFlight < concurrency && nextRun < runs.length) {
        if (nextFold === 0 && nextRun > 0) {
          if (!budget.hasEstimates) break;
          while (nextRun < runs.length && !fits(nextRun)) {
            cut = true;
            for (const c of runs[nextRun]!.candidates) report(skipped(c));
            nextRun++;
          }
          if (nextRun === runs.length) break;
        }
        dispatch(nextRun, nextFold);
        if (++nextFold === folds) {
          nextFold = 0;
          nextRun++;
        }
      }
      if (!failed && inFlight === 0 && nextRun >= runs.length) resolve(cut);
    };

    const dispatch = (r: number, fold: number): void => {
      const run = runs[r]!;
      const began = cv.clock();
      inFlight++;
      executor
        .run({
          run: run.id,
          fold,
          featureSet: run.featureSet,
          params: run.params,
          treeCounts: run.treeCounts,
        })
        .then((result) => {
          inFlight--;
          const seconds = cv.clock() - began;
          budget.recordTask({
            params: run.params,
            seconds,
            trainedTrees: result.trainedTrees,
            keptTrees: Math.max(...result.trees),
            rows: result.trainRows,
          });
          results[r]![fold] = result;
          runSeconds[r]! += seconds;
          if (--pending[r]! === 0) finishRun(run, results[r] as FoldResult[], runSeconds[r]!).forEach(report);
          pump();
        })
        .catch((error: unknown) => {
          inFlight--;
          if (!failed) {
            failed = true;
            reject(error);
          }
        });
    };

    pump();
  });
}

function finishRun(run: TrainingRun, results: readonly FoldResult[], seconds: number): CandidateScore[] {
  const fullTrees = run.params.n_estimators;
  let charged = false;
  return run.candidates.map((candidate, k) => {
    const foldAucs = results.map((r) => r.aucs[run.treeCounts.length ? k : 0]!);
    const foldTrees = results.map((r) => r.trees[run.treeCounts.length ? k : 0]!);
    const { mean, std } = foldStatistics(foldAucs);
    const chargeHere = !charged && (run.treeCounts.length === 0 || run.treeCounts[k] === fullTrees);
    if (chargeHere) charged = true;
    return {
      index: candidate.index,
      params: candidate.params,
      featureSet: candidate.featureSet,
      status: 'evaluated',
      foldAucs,
      foldTrees,
      meanAuc: mean,
      stdAuc: std,
      seconds: chargeHere ? seconds : 0,
    };
  });
}

function skipped(candidate: TrainingRun['candidates'][number]): CandidateScore {
  return {
    index: candidate.index,
    params: candidate.params,
    featureSet: candidate.featureSet,
    status: 'skipped',
    foldAucs: [],
    foldTrees: [],
    meanAuc: Number.NaN,
    stdAuc: Number.NaN,
    seconds: 0,
  };
}

import { rocAuc } from '../evaluate/roc-auc.js';
import { resolveParams } from '../gbdt/parameters.js';
import type { BinnedFolds } from './binned-folds.js';
import { foldSplit } from './fold-split.js';
import type { FoldResult, FoldTask } from './fold-task.js';
import { scoringTreeCount, searchProbabilities, trainSearchBooster } from './fold-trainer.js';
import type { SearchData } from './search-data.js';

/**
 * Runs one fold task: trains on every fold but the task's (stopping early on the held-out fold when
 * the parameters ask for it, as XGBoost's `cv` does) and scores ROC AUC on the held-out fold. The
 * same data and task give the same result on any thread, with or without `folds` (the thread's
 * binned folds, which only save binning the same rows again).
 *
 * @example
 * evaluateFoldTask(data, { run: 0, fold: 1, featureSet: 'original', params: { max_depth: 2, n_estimators: 10 }, treeCounts: [10, 5] });
 * // { aucs: [0.86, 0.85], trees: [10, 5], trainedTrees: 10, trainRows: … }
 */
export function evaluateFoldTask(data: SearchData, task: FoldTask, folds?: BinnedFolds): FoldResult {
  const { train, heldOut } = foldSplit(data, task.featureSet, task.fold);
  const early = task.params.early_stopping_rounds !== undefined;
  const { max_bin, seed } = resolveParams(task.params);
  const binned = folds?.of(task.featureSet, task.fold, train, max_bin, seed);
  const { booster, trainedTrees } = trainSearchBooster(train, task.params, early ? heldOut : undefined, {
    ...(binned ? { binned } : {}),
  });
  const trees = task.treeCounts.length > 0 ? [...task.treeCounts] : [scoringTreeCount(booster)];
  const aucs = trees.map((k) => rocAuc(searchProbabilities(booster, heldOut.matrix, k), heldOut.labels));
  return { aucs, trees, trainedTrees, trainRows: train.matrix.rowCount };
}

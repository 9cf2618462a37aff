import type { Booster } from '../gbdt/booster.js';
import type { FeatureMatrix } from '../gbdt/feature-matrix.js';
import type { GbdtParamsInput } from '../gbdt/parameters.js';
import { packEnsemble } from '../gbdt/predictor/packed-ensemble.js';
import { predictBatchProbability } from '../gbdt/predictor/predict-batch.js';
import { type BinnedMatrix, trainBooster } from '../gbdt/train-booster.js';
import type { TrainingBackend } from '../gbdt/training-backend.js';
import type { LabelledRows } from './fold-split.js';

// The search's only contact with the engine's training and scoring API: if that API changes, this
// file changes and nothing else in the search does.

/**
 * Trains a booster on `train` (already binned when `options.binned`); with `evalSet`, the engine
 * stops early on it when the parameters ask for early stopping. Also tells how many trees were grown (early stopping grows a few past
 * the best), which the search's time estimates need.
 *
 * @example
 * const { booster } = trainSearchBooster(train, { max_depth: 3 });
 */
export function trainSearchBooster(
  train: LabelledRows,
  params: GbdtParamsInput,
  evalSet?: LabelledRows,
  options: { readonly backend?: TrainingBackend; readonly binned?: BinnedMatrix } = {},
): { booster: Booster; trainedTrees: number } {
  let trainedTrees = 0;
  const { booster } = trainBooster(train.matrix, train.labels, params, {
    evalSets: evalSet ? [{ name: 'validation', matrix: evalSet.matrix, labels: evalSet.labels }] : [],
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.binned ? { binned: options.binned } : {}),
    onIteration: (iteration) => {
      trainedTrees = iteration + 1;
    },
  });
  return { booster, trainedTrees: Math.max(trainedTrees, booster.trees.length) };
}

/** Trees the booster scores with: up to its best iteration when it stopped early. */
export function scoringTreeCount(booster: Booster): number {
  return booster.bestIteration === undefined ? booster.trees.length : booster.bestIteration + 1;
}

/**
 * Probabilities of every row of `matrix` from the first `treeLimit` trees (the scoring trees by
 * default).
 *
 * @example
 * const p = searchProbabilities(booster, heldOut.matrix, 5);
 */
export function searchProbabilities(
  booster: Booster,
  matrix: FeatureMatrix,
  treeLimit?: number,
): Float64Array {
  const out = new Float64Array(matrix.rowCount);
  predictBatchProbability(
    packEnsemble(booster, { treeLimit: treeLimit ?? scoringTreeCount(booster) }),
    matrix,
    out,
  );
  return out;
}

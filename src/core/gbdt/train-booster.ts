import { AmlopsError } from '../errors/index.js';
import { Rng } from '../random/rng.js';
import { type BinCodes, BinMapper } from './bin-mapper.js';
import type { Booster } from './booster.js';
import { EarlyStopping } from './early-stopping.js';
import { evalMetricByName } from './eval-metric.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { objectiveByName } from './objective.js';
import { type GbdtParams, type GbdtParamsInput, resolveParams } from './parameters.js';
import { singleThreadBackend, type TrainingBackend } from './training-backend.js';
import { validateTrainingData } from './training-data.js';
import { trainingLayout } from './training-layout.js';
import { allocateWorkspace } from './training-workspace.js';
import type { Tree } from './tree.js';
import { TreeGrower } from './tree-grower.js';
import { addTreeMargins } from './tree-margins.js';

/** A data set scored after each tree (XGBoost's `evals` / `eval_set`). */
export interface EvalSet {
  readonly name: string;
  readonly matrix: FeatureMatrix;
  readonly labels: Float32Array;
}

export interface TrainOptions {
  /** Scored after each tree; early stopping watches the last one. */
  readonly evalSets?: readonly EvalSet[];
  /** Where row work runs; one thread by default (see `src/adapters/threads/` for workers). */
  readonly backend?: TrainingBackend;
  /** Called after each tree with its index and the metric of each evaluation set. */
  readonly onIteration?: (iteration: number, scores: Readonly<Record<string, number>>) => void;
  /**
   * The matrix already binned (see `binMatrix`), e.g. one fold of a search reused by every
   * candidate: skips fitting the bins and binning the rows. Must come from this matrix with the
   * same `max_bin` and `seed`, else `MODEL_PARAM_INVALID`.
   */
  readonly binned?: BinnedMatrix;
}

/** A matrix's bin boundaries and its rows' bin codes (row-major), for `TrainOptions.binned`. */
export interface BinnedMatrix {
  readonly mapper: BinMapper;
  readonly codes: BinCodes;
  readonly maxBin: number;
  readonly seed: number;
}

/**
 * Bins `matrix` as `trainBooster` would with `max_bin` and `seed`, once, for several trainings.
 *
 * @example
 * const binned = binMatrix(train.matrix, 256, 0);
 * trainBooster(train.matrix, train.labels, { max_depth: 3 }, { binned });
 */
export function binMatrix(matrix: FeatureMatrix, maxBin: number, seed: number): BinnedMatrix {
  const mapper = BinMapper.fit(matrix, maxBin, seed);
  const size = matrix.rowCount * matrix.columns.length;
  const codes = mapper.maxBinCount > 256 ? new Uint16Array(size) : new Uint8Array(size);
  mapper.binRows(matrix, codes);
  return { mapper, codes, maxBin, seed };
}

/** Metric values per evaluation set and iteration, as XGBoost's `evals_result()`. */
export type EvaluationHistory = Record<string, Record<string, number[]>>;

export interface TrainResult {
  readonly booster: Booster;
  readonly evaluationHistory: EvaluationHistory;
  /** Set when early stopping ran: the iteration kept last, and its score. */
  readonly bestIteration?: number;
  readonly bestScore?: number;
  readonly params: GbdtParams;
}

/**
 * Trains gradient-boosted trees with the histogram method and XGBoost 1.7's semantics. The same
 * data, parameters and seed give the same booster, byte for byte, whatever the backend's thread
 * count. With `early_stopping_rounds`, the booster keeps the trees up to the best iteration.
 *
 * Throws `MODEL_PARAM_INVALID` for a parameter out of range and `MODEL_TRAINING_DATA_INVALID` for
 * data it cannot use (empty, columns of the wrong length, non-finite or invalid labels).
 *
 * @example
 * const matrix = { rowCount: 4, featureNames: ['x'], columns: [Float32Array.of(1, 2, 3, 4)] };
 * const { booster } = trainBooster(matrix, Float32Array.of(0, 0, 1, 1), { n_estimators: 10, max_depth: 2 });
 * booster.trees.length; // 10
 */
export function trainBooster(
  matrix: FeatureMatrix,
  labels: Float32Array,
  paramsInput: GbdtParamsInput = {},
  options: TrainOptions = {},
): TrainResult {
  const params = resolveParams(paramsInput);
  const objective = objectiveByName(params.objective);
  validateTrainingData(matrix, labels, objective, 'the training set');
  const evalSets = options.evalSets ?? [];
  for (const set of evalSets) {
    validateTrainingData(
      set.matrix,
      set.labels,
      objective,
      `evaluation set '${set.name}'`,
      matrix.featureNames,
    );
  }
  const backend = options.backend ?? singleThreadBackend;
  const { binned } = options;
  if (binned && (binned.maxBin !== params.max_bin || binned.seed !== params.seed))
    throw new AmlopsError(
      'MODEL_PARAM_INVALID',
      `the matrix was binned with max_bin ${binned.maxBin} and seed ${binned.seed}; these parameters ask for ${params.max_bin} and ${params.seed}`,
    );
  const mapper = binned?.mapper ?? BinMapper.fit(matrix, params.max_bin, params.seed);
  const layout = trainingLayout(matrix.rowCount, mapper, params);
  const workspace = allocateWorkspace(layout, (bytes) => backend.allocate(bytes));
  if (binned) workspace.bins.set(binned.codes);
  else mapper.binRows(matrix, workspace.bins);
  workspace.labels.set(labels);
  const baseMargin = objective.baseMargin(params.base_score);
  workspace.margins.fill(baseMargin);

  const metric = evalMetricByName(params.eval_metric);
  const history: EvaluationHistory = {};
  const evalMargins = evalSets.map((set) => new Float32Array(set.matrix.rowCount).fill(baseMargin));
  const evalOutputs = evalSets.map((set) => new Float64Array(set.matrix.rowCount));
  for (const set of evalSets) history[set.name] = { [metric.name]: [] };
  const stopper =
    params.early_stopping_rounds !== undefined && evalSets.length > 0
      ? new EarlyStopping(params.early_stopping_rounds, metric.maximize)
      : undefined;

  const rng = new Rng(params.seed);
  const featureCount = matrix.columns.length;
  const allFeatures = Int32Array.from({ length: featureCount }, (_, f) => f);
  const sampleSize = Math.max(1, Math.floor(params.colsample_bytree * featureCount));
  const trees: Tree[] = [];
  const runner = backend.bind(workspace);
  try {
    const grower = new TreeGrower(workspace, runner, mapper, params);
    for (let iteration = 0; iteration < params.n_estimators; iteration++) {
      const treeSeed = rng.nextUint32();
      const features =
        sampleSize < featureCount
          ? rng.shuffle(allFeatures.slice()).subarray(0, sampleSize).sort()
          : allFeatures;
      const tree = grower.grow(features, treeSeed);
      trees.push(tree);
      const scores: Record<string, number> = {};
      let last = Number.NaN;
      evalSets.forEach((set, k) => {
        const margins = evalMargins[k]!;
        const outputs = evalOutputs[k]!;
        addTreeMargins(tree, set.matrix, margins);
        for (let r = 0; r < margins.length; r++) outputs[r] = objective.transform(margins[r]!);
        last = metric.score(outputs, set.labels);
        history[set.name]![metric.name]!.push(last);
        scores[set.name] = last;
      });
      options.onIteration?.(iteration, scores);
      if (stopper?.update(iteration, last)) break;
    }
  } finally {
    runner.close();
  }
  const best = stopper?.bestIteration;
  const recorded: Record<string, unknown> = { ...params };
  if (params.early_stopping_rounds === undefined) delete recorded.early_stopping_rounds;
  const booster: Booster = {
    objective: params.objective,
    baseScore: params.base_score,
    featureNames: [...matrix.featureNames],
    trees: best === undefined ? trees : trees.slice(0, best + 1),
    ...(best === undefined ? {} : { bestIteration: best }),
    params: recorded,
  };
  return {
    booster,
    evaluationHistory: history,
    params,
    ...(stopper ? { bestIteration: stopper.bestIteration, bestScore: stopper.bestScore } : {}),
  };
}

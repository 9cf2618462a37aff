import { AmlopsError } from '../../core/errors/index.js';
import { type EvaluationReport, evaluationReport } from '../../core/evaluate/evaluation-report.js';
import { segmentReport } from '../../core/evaluate/segment-report.js';
import type { Frame } from '../../core/frame/index.js';
import { featureImportance } from '../../core/gbdt/feature-importance.js';
import { type GbdtParamsInput, trainBooster } from '../../core/gbdt/index.js';
import { MODEL_BUNDLE_FORMAT, type ModelBundle } from '../../core/model/index.js';
import { scoreFrame } from '../../core/model/score-frame.js';
import {
  DOMAIN_FEATURES,
  type FeatureColumns,
  type FittedSearchFeatures,
  fitSearchFeatures,
  ORIGINAL_FEATURES,
  presetForData,
  runSearch,
  type SearchFeatureSet,
  searchPreset,
} from '../../core/search/index.js';
import type { FlowStep } from '../flow-step.js';
import { ensureSplit } from './data-steps.js';
import type { TrainFlowDeps } from './train-flow-deps.js';
import type { TrainFlowParams } from './train-flow-params.js';
import type { TrainScratch } from './train-scratch.js';

/**
 * The feature columns of the configured data contract. The derived features read the columns the
 * roles name (data.incomeColumn, data.outcomeColumn), which must be numeric feature columns: a
 * renamed column does not silently drop them.
 */
function featureColumns(deps: TrainFlowDeps): FeatureColumns {
  const numeric = deps.config['data.numericColumns'];
  const income = deps.config['data.incomeColumn'];
  const outcome = deps.config['data.outcomeColumn'];
  for (const [setting, column] of [
    ['data.incomeColumn', income],
    ['data.outcomeColumn', outcome],
  ] as const)
    if (column !== '' && !numeric.includes(column))
      throw new AmlopsError(
        'CONFIG_INVALID',
        `${setting} '${column}' is not one of data.numericColumns (${numeric.join(', ')}): name the columns of money received and sent (amlops init proposes them), or set both to '' for no derived features`,
        { setting, column, numeric },
      );
  if ((income === '') !== (outcome === ''))
    throw new AmlopsError(
      'CONFIG_INVALID',
      'data.incomeColumn and data.outcomeColumn go together: set both, or both to empty for no derived features',
    );
  return {
    numeric,
    categorical: deps.config['data.categoricalColumns'],
    ...(income !== '' && outcome !== '' ? { income, outcome } : {}),
    foldCategories: deps.config['data.foldCategories'],
  };
}

/**
 * The column that names each case: the configured one (which the data must have), else `case_id`
 * or `user_id` when the data has it; none otherwise.
 */
function caseIdColumn(
  configured: string,
  names: readonly string[],
  features: readonly string[],
): string | undefined {
  if (configured !== '') {
    if (features.includes(configured))
      throw new AmlopsError(
        'CONFIG_INVALID',
        `the id column '${configured}' (setting data.idColumn) is also a feature column`,
      );
    if (!names.includes(configured))
      throw new AmlopsError(
        'DATA_INVALID',
        `the id column '${configured}' (setting data.idColumn) is not in the training data; its columns: ${names.join(', ')}`,
      );
    return configured;
  }
  return ['case_id', 'user_id'].find((name) => names.includes(name) && !features.includes(name));
}

/**
 * The columns the test evaluation is broken down by: the categorical features (the risk level),
 * the amounts money is received and sent in, then the configured `evaluation.segmentColumns`.
 */
function segmentColumns(deps: TrainFlowDeps): string[] {
  const { config } = deps;
  const columns = [
    ...config['data.categoricalColumns'],
    config['data.outcomeColumn'],
    config['data.incomeColumn'],
    ...config['evaluation.segmentColumns'],
  ];
  return [...new Set(columns.filter((column) => column !== ''))];
}

/** The metrics recorded for a run (MLflow-style flat names), from the evaluation report. */
export function evaluationMetrics(report: EvaluationReport): Record<string, number> {
  const metrics: Record<string, number> = { threshold: report.threshold.value };
  for (const split of ['train', 'test'] as const) {
    const e = report[split];
    const add = (name: string, value: number | null | undefined): void => {
      if (value !== null && value !== undefined && Number.isFinite(value))
        metrics[`${split}_${name}`] = value;
    };
    add('roc_auc', e.rocAuc);
    add('roc_auc_lower', e.rocAucInterval?.lower);
    add('roc_auc_upper', e.rocAucInterval?.upper);
    add('pr_auc', e.prAuc);
    add('log_loss', e.logLoss);
    add('brier', e.brier);
    add('ks', e.ks.statistic);
    add('precision', e.confusion.precision);
    add('recall', e.confusion.recall);
    add('alert_rate', e.confusion.alertRate);
    add('rows', e.rows);
    add('positives', e.positives);
  }
  return metrics;
}

/**
 * The model steps: `search` cross-validates the preset's candidates (skipped when exact `params`
 * are given), `fit` makes the model bundle from the best candidate refitted on the whole training
 * split, and `evaluate` scores both splits through the bundle, exactly as serving will.
 */
export function modelSteps(
  deps: TrainFlowDeps,
  params: TrainFlowParams,
  scratch: TrainScratch,
  dataSteps: FlowStep[],
): FlowStep[] {
  const requested = searchPreset(params.preset);
  const columns = featureColumns(deps);
  const fitted = new Map<string, FittedSearchFeatures>();
  const featuresOf = (set: SearchFeatureSet, frame: Frame): FittedSearchFeatures => {
    let features = fitted.get(set.name);
    if (!features) {
      features = fitSearchFeatures(frame, set, columns);
      fitted.set(set.name, features);
    }
    return features;
  };
  const featureSet = (name: string): SearchFeatureSet => {
    const set = [...requested.featureSets, ORIGINAL_FEATURES, DOMAIN_FEATURES].find((s) => s.name === name);
    if (!set) throw new AmlopsError('USAGE', `preset '${requested.name}' has no feature set '${name}'`);
    return set;
  };

  const search = async (): Promise<Record<string, unknown>> => {
    if (params.params)
      return { mode: 'fixed', params: params.params, featureSet: requested.featureSets[0]!.name };
    await ensureSplit(dataSteps, scratch);
    const train = scratch.train!;
    // The default preset adapts to small data (fewer than 1000 rows of a class), and says so.
    const { preset, adaptation } = presetForData(requested, train.labels);
    const result = await runSearch({
      preset,
      labels: train.labels,
      matrixOf: (set) => featuresOf(set, train.frame).transform(train.frame),
      seed: params.seed,
      budgetSeconds: params.budgetSeconds,
      executor: deps.searchExecutor,
      clock: deps.clock,
      refit: true,
      ...(deps.trainingBackend ? { refitBackend: deps.trainingBackend } : {}),
      ...(deps.onCandidate ? { onCandidate: deps.onCandidate } : {}),
    });
    scratch.search = result;
    return {
      mode: 'search',
      preset: result.preset,
      ...(adaptation ? { adaptation, searched: preset.description } : {}),
      folds: result.folds,
      searchRows: result.searchRows,
      budgetSeconds: result.budgetSeconds,
      budgetExhausted: result.budgetExhausted,
      best: result.best,
      params: result.bestParams,
      featureSet: result.bestFeatureSet,
      candidates: result.candidates,
      timings: result.timings,
    };
  };

  const fitModel = async ({
    outputs,
  }: {
    outputs: Readonly<Record<string, unknown>>;
  }): Promise<Record<string, unknown>> => {
    await ensureSplit(dataSteps, scratch);
    const train = scratch.train!;
    const chosen = outputs.search as { params: GbdtParamsInput; featureSet: string };
    const set = featureSet(chosen.featureSet);
    const features = featuresOf(set, train.frame);
    const booster =
      scratch.search?.booster ??
      trainBooster(features.transform(train.frame), Float32Array.from(train.labels), chosen.params, {
        ...(deps.trainingBackend ? { backend: deps.trainingBackend } : {}),
      }).booster;
    const idColumn = caseIdColumn(deps.config['data.idColumn'], train.frame.names, [
      ...columns.numeric,
      ...columns.categorical,
    ]);
    const bundle: ModelBundle = {
      format: MODEL_BUNDLE_FORMAT,
      inputSchema: {
        numeric: [...columns.numeric],
        categorical: [...columns.categorical],
        ...(idColumn ? { idColumn } : {}),
      },
      features: features.state,
      booster,
    };
    scratch.bundle = bundle;
    return {
      trees: booster.trees.length,
      featureSet: set.name,
      features: booster.featureNames,
      params: chosen.params,
    };
  };

  let completedOutputs: Readonly<Record<string, unknown>> = {};
  const evaluate = async ({
    outputs,
  }: {
    outputs: Readonly<Record<string, unknown>>;
  }): Promise<Record<string, unknown>> => {
    completedOutputs = outputs;
    await ensureSplit(dataSteps, scratch);
    // A run retried in a new process refits deterministically rather than keep a model in a step output.
    if (!scratch.bundle) await fitModel({ outputs: completedOutputs });
    const bundle = scratch.bundle!;
    const train = scratch.train!;
    const test = scratch.test!;
    scratch.trainProbabilities = scoreFrame(bundle, train.frame);
    scratch.testProbabilities = scoreFrame(bundle, test.frame);
    const evaluated = evaluationReport(
      { labels: train.labels, probabilities: scratch.trainProbabilities },
      { labels: test.labels, probabilities: scratch.testProbabilities },
    );
    // A new version has no alert threshold of its own yet: segments are measured at the operating one.
    const segments = segmentReport(
      train.frame,
      { frame: test.frame, labels: test.labels, probabilities: scratch.testProbabilities },
      {
        columns: segmentColumns(deps),
        bands: deps.config['evaluation.segmentBands'],
        threshold: { value: evaluated.threshold.value, source: 'operating' },
      },
    );
    const report: EvaluationReport = { ...evaluated, segments };
    scratch.evaluation = report;
    return {
      metrics: evaluationMetrics(report),
      segments,
      importance: {
        gain: featureImportance(bundle.booster, 'gain'),
        weight: featureImportance(bundle.booster, 'weight'),
        cover: featureImportance(bundle.booster, 'cover'),
      },
    };
  };

  return [
    { name: 'search', run: search },
    { name: 'fit', run: fitModel },
    { name: 'evaluate', run: evaluate },
  ];
}

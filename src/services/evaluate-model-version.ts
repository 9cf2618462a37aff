import { thresholdForAlertRate } from '../core/evaluate/confusion-at-threshold.js';
import { classCounts } from '../core/evaluate/ranking.js';
import { evaluateSplit, type SplitEvaluation } from '../core/evaluate/split-evaluation.js';
import type { ArtifactStore } from '../ports/artifact-store.js';
import type { TrackingStore } from '../ports/tracking-store.js';
import { artifactsAt } from './artifacts-at.js';

/** What `amlops evaluate` reports: the version, the file, the operating threshold and every measure. */
export interface ModelEvaluation {
  readonly model: { readonly name: string; readonly version: string };
  readonly data: string;
  readonly threshold: {
    readonly value: number;
    /** `training`: the threshold the version's training set; `base-rate`: none was recorded, set here so that alerts are as many as positives. */
    readonly source: 'training' | 'base-rate';
  };
  readonly evaluation: SplitEvaluation;
  /** The tracking run that records it (null with `record: false`). */
  readonly runId: string | null;
}

export interface EvaluateModelInput {
  readonly model: { readonly name: string; readonly version: string; readonly runId: string };
  /** The labelled file, as named to the user. */
  readonly data: string;
  readonly labels: Uint8Array;
  readonly scores: Float64Array;
  /** Who asked, recorded as the run's user. */
  readonly user?: string;
  /** Record a tracking run with the metrics and the report (default true). */
  readonly record?: boolean;
}

/** The measures of an evaluation as flat run metrics, as training names them without the split prefix. */
export function evaluationRunMetrics(evaluation: SplitEvaluation, threshold: number): Record<string, number> {
  const metrics: Record<string, number | null | undefined> = {
    roc_auc: evaluation.rocAuc,
    roc_auc_lower: evaluation.rocAucInterval?.lower,
    roc_auc_upper: evaluation.rocAucInterval?.upper,
    pr_auc: evaluation.prAuc,
    log_loss: evaluation.logLoss,
    brier: evaluation.brier,
    ks: evaluation.ks.statistic,
    threshold,
    precision: evaluation.confusion.precision,
    recall: evaluation.confusion.recall,
    alert_rate: evaluation.confusion.alertRate,
    rows: evaluation.rows,
    positives: evaluation.positives,
  };
  return Object.fromEntries(
    Object.entries(metrics).filter(
      (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]),
    ),
  );
}

/**
 * Evaluates a model version on a labelled file it scored: the training report's measures (ROC AUC
 * with its 95% interval, PR AUC, KS, log loss, Brier, calibration, precision and recall) at the
 * threshold the version's training set (else one that alerts as many cases as the file has
 * positives), recorded as a tracking run in the model's experiment (tag `amlops.flow` `evaluate`)
 * with the report as `evaluation.json`.
 *
 * @example
 * const result = await evaluateModelVersion({ tracking, artifacts, now: Date.now }, { model, data: 'labelled.csv', labels, scores });
 * result.evaluation.rocAuc;
 */
export async function evaluateModelVersion(
  stores: { readonly tracking: TrackingStore; readonly artifacts: ArtifactStore; readonly now: () => number },
  input: EvaluateModelInput,
): Promise<ModelEvaluation> {
  const { tracking, now } = stores;
  const trained = input.model.runId
    ? await tracking.getRun(input.model.runId).catch(() => undefined)
    : undefined;
  const recorded = trained?.data.metrics.find((m) => m.key === 'threshold')?.value;
  const threshold =
    recorded !== undefined && Number.isFinite(recorded)
      ? { value: recorded, source: 'training' as const }
      : {
          value: thresholdForAlertRate(
            input.scores,
            classCounts(input.labels).positives / Math.max(1, input.labels.length),
          ),
          source: 'base-rate' as const,
        };
  const evaluation = evaluateSplit(
    input.labels,
    input.scores,
    threshold.value,
    { curvePoints: 201, calibrationBins: 10, distributionBins: 20 },
    true,
  );
  const result = {
    model: { name: input.model.name, version: input.model.version },
    data: input.data,
    threshold,
    evaluation,
  };
  if (input.record === false) return { ...result, runId: null };
  const name = input.model.name;
  const experimentId =
    (await tracking.getExperimentByName(name))?.experimentId ?? (await tracking.createExperiment({ name }));
  const startTime = now();
  const run = await tracking.createRun({
    experimentId,
    runName: `evaluate-v${input.model.version}-${new Date(startTime).toISOString()}`,
    startTime,
    ...(input.user ? { userId: input.user } : {}),
    tags: [
      { key: 'mlflow.source.name', value: 'amlops evaluate' },
      { key: 'amlops.flow', value: 'evaluate' },
      { key: 'amlops.model_version', value: input.model.version },
    ],
  });
  const runId = run.info.runId;
  await tracking.logBatch(runId, {
    params: [
      { key: 'data', value: input.data.slice(0, 6000) },
      { key: 'model_name', value: name },
      { key: 'model_version', value: input.model.version },
      { key: 'threshold_source', value: threshold.source },
    ],
    metrics: Object.entries(evaluationRunMetrics(evaluation, threshold.value)).map(([key, value]) => ({
      key,
      value,
      timestamp: startTime,
      step: 0,
    })),
  });
  const report = { ...result, runId };
  await artifactsAt(stores.artifacts, run.info.artifactUri).put(
    'evaluation.json',
    `${JSON.stringify(report, null, 2)}\n`,
  );
  await tracking.updateRun(runId, { status: 'FINISHED', endTime: now() });
  return report;
}

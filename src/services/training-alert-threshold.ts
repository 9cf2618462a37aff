import { alertBudget, checkAlertBudgetRequest } from '../core/evaluate/alert-budget.js';
import type { EvaluationReport } from '../core/evaluate/evaluation-report.js';
import type { ModelRegistry } from '../ports/model-registry.js';
import { recordedAlertThreshold } from './recorded-alert-threshold.js';
import { type AlertThresholdChange, setAlertThreshold } from './set-alert-threshold.js';

/** Who is recorded as setting the alert threshold a training gives its new version. */
export const TRAINING_THRESHOLD_SETTER = 'training';

/** What the training knows to pick a new version's alert threshold from. */
export interface TrainingThresholdInput {
  readonly name: string;
  readonly version: string;
  readonly evaluation: Pick<EvaluationReport, 'threshold' | 'test'>;
  /** `cases.capacityPerDay` and `cases.dailyVolume` (0: not set). */
  readonly capacityPerDay: number;
  readonly dailyVolume: number;
}

/**
 * The alert threshold a new version starts with, so that its scores open cases from the first
 * request (a version without one opens none): with `cases.capacityPerDay` and `cases.dailyVolume`
 * set, the test evaluation's threshold-table row nearest that alert rate (as `amlops threshold
 * --capacity` picks it); otherwise the training's operating threshold (as many alerts as the train
 * split has positives). Recorded as a registry decision by `training`, with the reason. A version
 * that has a threshold already (a retried step) keeps it: null then.
 *
 * @example
 * await recordTrainingAlertThreshold(registry, { name, version: '4', evaluation, capacityPerDay: 50, dailyVolume: 20000 });
 */
export async function recordTrainingAlertThreshold(
  registry: ModelRegistry,
  input: TrainingThresholdInput,
  now: () => number = Date.now,
): Promise<AlertThresholdChange | null> {
  if (recordedAlertThreshold(await registry.getModelVersion(input.name, input.version))) return null;
  const { threshold, reason } = pick(input);
  return setAlertThreshold(
    registry,
    { name: input.name, version: input.version, threshold, by: TRAINING_THRESHOLD_SETTER, reason },
    now,
  );
}

function pick(input: TrainingThresholdInput): { threshold: number; reason: string } {
  const operating = input.evaluation.threshold.value;
  const fallback = (why: string) => ({
    threshold: operating,
    reason: `the training's operating threshold (as many alerts as the train split has positives, ${(input.evaluation.threshold.alertRate * 100).toPrecision(3)}% of cases)${why}`,
  });
  const { capacityPerDay: capacity, dailyVolume } = input;
  if (!(capacity > 0 && dailyVolume > 0))
    return fallback(
      "; set cases.capacityPerDay and cases.dailyVolume to start new versions at the team's capacity",
    );
  const table = input.evaluation.test.thresholdTable;
  if (!table) return fallback('; the test evaluation has no threshold table to read a capacity from');
  try {
    checkAlertBudgetRequest({ capacity, dailyVolume });
  } catch (error) {
    return fallback(`; the capacity settings cannot be used: ${(error as Error).message}`);
  }
  const { at } = alertBudget(table, { capacity, dailyVolume });
  return {
    threshold: at.threshold,
    reason: `a capacity of ${capacity} cases a day out of ${dailyVolume} scored (cases.capacityPerDay, cases.dailyVolume): alerts ${(at.alertRate * 100).toPrecision(3)}% of the test split, precision ${at.precision === null ? 'n/a' : at.precision.toFixed(4)}, recall ${at.recall.toFixed(4)}`,
  };
}

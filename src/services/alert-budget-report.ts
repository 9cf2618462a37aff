import type { LiveAlertBudget } from '../core/cases/index.js';
import { AmlopsError } from '../core/errors/index.js';
import {
  type AlertBudget,
  type AlertBudgetRequest,
  alertBudget,
  checkAlertBudgetRequest,
} from '../core/evaluate/alert-budget.js';
import type { ModelVersion } from '../core/tracking/index.js';
import type { CaseStore } from '../ports/case-store.js';
import { noProductionHint } from './no-production-hint.js';
import type { PlatformStores } from './platform-stores.js';
import { productionVersion } from './production-version.js';
import { PRODUCTION_ALIAS } from './promotion-tags.js';
import { type RecordedAlertThreshold, recordedAlertThreshold } from './recorded-alert-threshold.js';
import { versionLiveBudget } from './version-live-budget.js';
import { type ThresholdTableSource, versionThresholdTable } from './version-threshold-table.js';

/**
 * What to read the budget for: a capacity with the daily volume, a threshold, or (neither given)
 * the version's recorded alert threshold, per day when `dailyVolume` is given.
 */
export type AlertBudgetQuestion = AlertBudgetRequest | { readonly dailyVolume?: number };

/** What `amlops threshold --json` and `GET /api/v1/models/:name/versions/:version/threshold` answer. */
export interface AlertBudgetReport extends AlertBudget {
  readonly model: { readonly name: string; readonly version: string; readonly aliases: readonly string[] };
  /** The evaluation the figures come from. */
  readonly evaluation: ThresholdTableSource;
  /** The version's alert threshold as last set, with who, when and why; null when never set. */
  readonly alertThreshold: RecordedAlertThreshold | null;
  /** The operating threshold its training chose (as many alerts as positives), when known. */
  readonly trainingThreshold: number | null;
  /**
   * What happened since the version's alert threshold was set (cases opened a day, live
   * precision) against what it promised; null when the analysts' cases were not read.
   */
  readonly live: LiveAlertBudget | null;
}

/** Where the live side reads the version's cases, and the team's capacity to compare them with. */
export interface LiveBudgetSource {
  readonly cases: Pick<CaseStore, 'casesPerDay'>;
  /** Cases a day the team reviews, when known (a capacity question gives its own). */
  readonly capacity?: number;
}

/** Which version: a number, an alias, or (neither) the production version. */
export interface BudgetVersionRef {
  readonly name: string;
  readonly version?: string;
  readonly alias?: string;
}

/**
 * The version a budget is read for: by number or alias, else the production version of the model
 * (NOT_FOUND with what to do when there is none).
 *
 * @example
 * await budgetVersion(stores.registry, { name: 'consumers-laundering-model' }); // the production version
 */
export async function budgetVersion(
  registry: PlatformStores['registry'],
  ref: BudgetVersionRef,
): Promise<ModelVersion> {
  if (ref.version !== undefined) return registry.getModelVersion(ref.name, ref.version);
  if (ref.alias !== undefined && ref.alias !== PRODUCTION_ALIAS)
    return registry.getVersionByAlias(ref.name, ref.alias);
  const production = await productionVersion(registry, ref.name);
  if (production) return production;
  throw new AmlopsError('NOT_FOUND', `${await noProductionHint(registry, ref.name)} (or name a version)`, {
    model: ref.name,
  });
}

/**
 * The alert budget of a model version (the production one by default), read from its test
 * evaluation's threshold table: the threshold that sends about `capacity` cases a day out of
 * `dailyVolume`, or the figures at a given threshold, or at the version's recorded alert threshold
 * when the question gives neither. With the version's recorded threshold and its training's.
 * With `live`, the live side too: the version's cases since its threshold was set against what the
 * threshold promised ({@link versionLiveBudget}).
 * Errors: those of {@link alertBudget} and {@link versionThresholdTable}; ALERT_BUDGET_INVALID when
 * neither a capacity nor a threshold is given and none is recorded.
 *
 * @example
 * const report = await alertBudgetReport(stores, { name: 'consumers-laundering-model', question: { capacity: 50, dailyVolume: 20000 } });
 * report.at.threshold; report.at.recall; report.around.length;
 */
export async function alertBudgetReport(
  stores: PlatformStores,
  query: BudgetVersionRef & { readonly question: AlertBudgetQuestion; readonly live?: LiveBudgetSource },
): Promise<AlertBudgetReport> {
  const { question } = query;
  const asked = 'capacity' in question || 'threshold' in question;
  if (asked) checkAlertBudgetRequest(question as AlertBudgetRequest);
  const version = await budgetVersion(stores.registry, query);
  const recorded = recordedAlertThreshold(version);
  if (!asked && !recorded)
    throw new AmlopsError(
      'ALERT_BUDGET_INVALID',
      `say what to read: a capacity with the daily volume (--capacity N --daily-volume N, settings cases.capacityPerDay and cases.dailyVolume, or ?capacity=&dailyVolume=) or a threshold (--threshold T, ?threshold=); model version ${version.name}/${version.version} has no alert threshold set`,
      { model: version.name, version: version.version },
    );
  const request: AlertBudgetRequest = asked
    ? (question as AlertBudgetRequest)
    : {
        threshold: recorded!.value,
        ...(question.dailyVolume !== undefined ? { dailyVolume: question.dailyVolume } : {}),
      };
  const { table, source, trainingThreshold } = await versionThresholdTable(stores, version);
  const budget = alertBudget(table, request);
  const capacity = budget.request.capacity ?? query.live?.capacity ?? null;
  const live = query.live
    ? await versionLiveBudget(query.live.cases, {
        name: version.name,
        version: version.version,
        recorded,
        table,
        capacity,
        dailyVolume: budget.request.dailyVolume,
        now: (stores.now ?? Date.now)(),
      })
    : null;
  return {
    model: { name: version.name, version: version.version, aliases: version.aliases },
    evaluation: source,
    ...budget,
    alertThreshold: recorded,
    trainingThreshold,
    live,
  };
}

import { type BudgetPromise, type LiveAlertBudget, liveAlertBudget } from '../core/cases/index.js';
import { alertBudget } from '../core/evaluate/alert-budget.js';
import type { ThresholdTable } from '../core/evaluate/threshold-table.js';
import type { CaseStore } from '../ports/case-store.js';
import type { RecordedAlertThreshold } from './recorded-alert-threshold.js';

/** How many days back the live side looks at most: four weeks of whole weekdays and weekends. */
export const LIVE_WINDOW_DAYS = 28;

const DAY_MS = 86_400_000;

/** What the live side of a version's alert budget reads. */
export interface VersionLiveBudgetInput {
  readonly name: string;
  readonly version: string;
  /** The alert threshold in force and when it was set; null when the version has none. */
  readonly recorded: RecordedAlertThreshold | null;
  /** The version's test evaluation's threshold table: what the threshold in force promised. */
  readonly table: ThresholdTable;
  readonly capacity: number | null;
  readonly dailyVolume: number | null;
  readonly now: number;
}

/**
 * The live side of a version's alert budget: the cases it opened since its alert threshold was set
 * (the last {@link LIVE_WINDOW_DAYS} days at most, so that a threshold set long ago is judged on
 * recent days), compared with what that threshold promised: the test evaluation's alert rate and
 * precision at it, the alerts a day at the daily volume, and the team's capacity. Cases opened
 * under an earlier threshold are not the promise's, hence the start at the decision.
 *
 * @example
 * const live = await versionLiveBudget(cases, { name, version: '4', recorded, table, capacity: 50, dailyVolume: 20000, now: Date.now() });
 * live.openedPerDay?.median; live.precision.value; live.findings;
 */
export async function versionLiveBudget(
  cases: Pick<CaseStore, 'casesPerDay'>,
  input: VersionLiveBudgetInput,
): Promise<LiveAlertBudget> {
  const { recorded, now } = input;
  const windowStart = (Math.floor(now / DAY_MS) - LIVE_WINDOW_DAYS) * DAY_MS;
  const setAt = recorded ? Date.parse(recorded.setAt) : Number.NaN;
  const from = Number.isFinite(setAt) ? Math.max(windowStart, setAt) : windowStart;
  let promised: BudgetPromise | null = null;
  if (recorded) {
    const { at, perDay } = alertBudget(input.table, {
      threshold: recorded.value,
      ...(input.dailyVolume !== null ? { dailyVolume: input.dailyVolume } : {}),
    });
    promised = {
      threshold: recorded.value,
      capacity: input.capacity,
      alertRate: at.alertRate,
      alertsPerDay: perDay?.alerts ?? null,
      precision: at.precision,
    };
  }
  const days = await cases.casesPerDay({
    modelName: input.name,
    modelVersion: input.version,
    since: from,
  });
  return liveAlertBudget({ promised, days, from, now });
}

import { AmlopsError } from '../errors/index.js';
import { type OperatingPoint, type TablePosition, thresholdLookup } from './threshold-lookup.js';
import type { ThresholdRow, ThresholdTable } from './threshold-table.js';

/**
 * What a team asks: the threshold that sends it `capacity` cases a day out of `dailyVolume` scored
 * ones, or what a given `threshold` would send (per day when the daily volume is known).
 */
export type AlertBudgetRequest =
  | { readonly capacity: number; readonly dailyVolume: number }
  | { readonly threshold: number; readonly dailyVolume?: number };

/** The answer: the operating point, what it means per day, and the table around it. */
export interface AlertBudget {
  readonly request: {
    readonly capacity: number | null;
    readonly dailyVolume: number | null;
    /** capacity / dailyVolume; null for a given threshold. */
    readonly alertRate: number | null;
    readonly threshold: number | null;
  };
  readonly at: OperatingPoint;
  /** Expected alerts a day at the daily volume, and the positives among them; null without a daily volume. */
  readonly perDay: { readonly alerts: number; readonly truePositives: number } | null;
  /** Rows of the table either side of the point (the point's own row included when it is one). */
  readonly around: readonly ThresholdRow[];
  /** Why the figures deserve caution: few alerts behind them, no threshold near the capacity. */
  readonly warnings: readonly string[];
}

/** Fewer test alerts than this behind a point: its precision is a rough estimate, and said so. */
const FEW_ALERTS = 30;

function invalid(message: string, details: Record<string, unknown>): AmlopsError {
  return new AmlopsError('ALERT_BUDGET_INVALID', message, details);
}

/**
 * Refuses what no table can answer (ALERT_BUDGET_INVALID): a capacity that is not positive, a daily
 * volume missing or smaller than the capacity, a threshold outside [0, 1]. `alertBudget` calls it;
 * callers that read a table from a store call it first, so that bad input is named before anything
 * is read.
 *
 * @example
 * checkAlertBudgetRequest({ capacity: 0, dailyVolume: 20000 }); // throws ALERT_BUDGET_INVALID
 */
export function checkAlertBudgetRequest(request: AlertBudgetRequest): void {
  const volume = request.dailyVolume;
  if ('capacity' in request) {
    const { capacity } = request;
    if (!Number.isFinite(capacity) || capacity <= 0)
      throw invalid(`the capacity must be a positive number of cases a day; got ${capacity}`, { capacity });
    if (volume === undefined || !Number.isFinite(volume) || volume <= 0)
      throw invalid(
        `the daily volume (cases scored a day) must be a positive number to turn a capacity into an alert rate; got ${volume}`,
        { dailyVolume: volume ?? null },
      );
    if (volume < capacity)
      throw invalid(
        `the daily volume (${volume} cases scored a day) is smaller than the capacity (${capacity} cases a day): the team can review every case, so no threshold is needed`,
        { capacity, dailyVolume: volume },
      );
    return;
  }
  const { threshold } = request;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1)
    throw invalid(`the threshold must be a score from 0 to 1; got ${threshold}`, { threshold });
  if (volume !== undefined && (!Number.isFinite(volume) || volume <= 0))
    throw invalid(`the daily volume must be a positive number of cases a day; got ${volume}`, {
      dailyVolume: volume,
    });
}

/** `width` rows either side of a position (of the gap, for an interpolated point). */
function rowsAround(rows: readonly ThresholdRow[], position: TablePosition, width: number): ThresholdRow[] {
  const { index, point } = position;
  // An interpolated point lies between rows index and index + 1.
  const first = point.exact ? index - width : index - width + 1;
  return rows.slice(Math.max(0, first), Math.max(0, index + width + 1));
}

const count = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/**
 * The alert budget read from a threshold table (a version's test evaluation): for a capacity, the
 * row whose alert rate is nearest capacity / dailyVolume; for a threshold, the figures at it. With
 * the expected alerts and positives per day, `width` rows of the table either side, and warnings
 * when few test alerts stand behind the figures or the table has no threshold near the capacity.
 * ALERT_BUDGET_INVALID for a capacity that is not positive, a daily volume smaller than the
 * capacity, a threshold outside [0, 1]; THRESHOLD_TABLE_MISSING for a table without rows.
 *
 * @example
 * const budget = alertBudget(table, { capacity: 50, dailyVolume: 20000 });
 * budget.at.threshold; budget.at.precision; budget.perDay?.alerts; // about 50
 */
export function alertBudget(table: ThresholdTable, request: AlertBudgetRequest, width = 5): AlertBudget {
  checkAlertBudgetRequest(request);
  if (table.rows.length === 0)
    throw new AmlopsError(
      'THRESHOLD_TABLE_MISSING',
      'the threshold table has no rows: its split had no cases',
    );
  const byCapacity = 'capacity' in request;
  const rate = byCapacity ? request.capacity / request.dailyVolume : null;
  const position = byCapacity
    ? thresholdLookup.forAlertRate(table, rate!)
    : thresholdLookup.atThreshold(table, request.threshold);
  const { point } = position;
  const volume = request.dailyVolume ?? null;
  const perDay =
    volume === null
      ? null
      : {
          alerts: point.alertRate * volume,
          truePositives: point.alertRate * volume * (point.precision ?? 0),
        };
  const warnings: string[] = [];
  if (point.alerts < FEW_ALERTS)
    warnings.push(
      `only ${count(point.alerts)} of the ${table.cases} evaluated cases are alerted at this threshold (${count(point.truePositives)} positive): precision and recall are rough estimates; a larger labelled set makes them firmer`,
    );
  if (byCapacity && perDay && Math.abs(perDay.alerts - request.capacity) > 0.2 * request.capacity)
    warnings.push(
      `no threshold of the evaluation sends nearer ${request.capacity} cases a day: the nearest sends about ${perDay.alerts.toFixed(1)} (cases with equal scores are alerted together)`,
    );
  return {
    request: {
      capacity: byCapacity ? request.capacity : null,
      dailyVolume: volume,
      alertRate: rate,
      threshold: byCapacity ? null : request.threshold,
    },
    at: point,
    perDay,
    around: rowsAround(table.rows, position, width),
    warnings,
  };
}

import { ALERT_RATE_GRID } from './alert-rate-grid.js';
import type { CurvePoints } from './curve-points.js';

/** One operating point of a split: what alerting on every case scored at or above `threshold` gives. */
export interface ThresholdRow {
  /** A score of the split: cases scored at or above it are alerted. */
  readonly threshold: number;
  /** Share of the split's cases alerted: alerts / cases. */
  readonly alertRate: number;
  /** Share of the alerts that are positive: truePositives / alerts. */
  readonly precision: number;
  /** Share of the positives alerted (laundering caught): truePositives / positives; 0 without positives. */
  readonly recall: number;
  readonly alerts: number;
  readonly truePositives: number;
}

/**
 * The operating points of a split by alert rate, from the fewest alerts to all: what a team's
 * capacity is read against. Stored in `evaluation.json` with the test split (`thresholdTable`).
 */
export interface ThresholdTable {
  readonly cases: number;
  readonly positives: number;
  /** Ordered by threshold from the highest (fewest alerts) down; thresholds are distinct. */
  readonly rows: readonly ThresholdRow[];
}

/**
 * The threshold table of a split: for each rate of `grid` (by default {@link ALERT_RATE_GRID}), the
 * operating point whose alert count is nearest to that share of the cases (the fewer alerts on a
 * tie), plus the highest and the lowest score, so that every threshold lies at or between rows (above
 * the first, nothing is alerted; at or below the last, everything). Cases with equal scores are
 * alerted together, so a rate may fall between two points; points chosen twice are kept once. At
 * most `grid.length + 2` rows, whatever the size of the split: the full curve of a million cases
 * would not fit in a run's evaluation.
 *
 * @example
 * const table = thresholdTable(sortedCurvePoints(classSortedScores(labels, scores)));
 * table.rows.find((row) => row.alertRate >= 0.0025); // the threshold alerting 0.25% of the cases
 */
export function thresholdTable(
  points: CurvePoints,
  grid: readonly number[] = ALERT_RATE_GRID,
): ThresholdTable {
  const { thresholds, truePositives, falsePositives, positives, negatives } = points;
  const cases = positives + negatives;
  const count = thresholds.length;
  const alertsAt = (k: number): number => truePositives[k]! + falsePositives[k]!;
  const chosen: number[] = count > 0 ? [0] : [];
  let k = 0;
  for (const rate of grid) {
    const target = rate * cases;
    // Alerts grow with k, so the nearest point for a growing target only moves forward.
    while (k + 1 < count && Math.abs(alertsAt(k + 1) - target) < Math.abs(alertsAt(k) - target)) k++;
    if (count > 0 && chosen.at(-1) !== k) chosen.push(k);
  }
  if (count > 0 && chosen.at(-1) !== count - 1) chosen.push(count - 1);
  return {
    cases,
    positives,
    rows: chosen.map((index) => {
      const alerts = alertsAt(index);
      const tp = truePositives[index]!;
      return {
        threshold: thresholds[index]!,
        alertRate: alerts / cases,
        precision: tp / alerts,
        recall: positives > 0 ? tp / positives : 0,
        alerts,
        truePositives: tp,
      };
    }),
  };
}

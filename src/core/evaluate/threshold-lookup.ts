import type { ThresholdRow, ThresholdTable } from './threshold-table.js';

/** What alerting at one threshold gives on the split a threshold table was made from. */
export interface OperatingPoint {
  readonly threshold: number;
  readonly alertRate: number;
  /** Null when nothing is alerted. */
  readonly precision: number | null;
  readonly recall: number;
  readonly alerts: number;
  readonly truePositives: number;
  /**
   * True when the figures are counted (a row of the table, or a threshold above every score);
   * false when interpolated between the two rows whose thresholds enclose it.
   */
  readonly exact: boolean;
}

/** Where a point falls in its table. */
export interface TablePosition {
  readonly point: OperatingPoint;
  /**
   * The row the point is; for an interpolated point, the row just above it (higher threshold,
   * fewer alerts); -1 above the first row.
   */
  readonly index: number;
}

const asPoint = (row: ThresholdRow): OperatingPoint => ({ ...row, exact: true });

/**
 * Operating points read from a threshold table: the row nearest an alert rate, and the figures at
 * any threshold (counted where the table has them, interpolated between its rows elsewhere). The
 * table must have rows.
 *
 * @example
 * thresholdLookup.forAlertRate(table, 50 / 20000).point.threshold; // the threshold sending about 50 of 20,000 cases
 * thresholdLookup.atThreshold(table, 0.8).point.precision;
 */
export const thresholdLookup = {
  /** The row whose alert rate is nearest `rate` (the fewer alerts on a tie). */
  forAlertRate(table: ThresholdTable, rate: number): TablePosition {
    const { rows } = table;
    let best = 0;
    for (let i = 1; i < rows.length; i++)
      if (Math.abs(rows[i]!.alertRate - rate) < Math.abs(rows[best]!.alertRate - rate)) best = i;
    return { point: asPoint(rows[best]!), index: best };
  },

  /**
   * The figures at `threshold`: a row's own when it is one of the table's thresholds, none alerted
   * above the highest score, every case at or below the lowest, and between two rows a linear
   * interpolation in the threshold of the counts (each lies between the two rows' counts).
   */
  atThreshold(table: ThresholdTable, threshold: number): TablePosition {
    const { rows, cases, positives } = table;
    // Rows go from the highest threshold down: the last one at or above `threshold`.
    let above = -1;
    while (above + 1 < rows.length && rows[above + 1]!.threshold >= threshold) above++;
    if (above === -1)
      return {
        point: {
          threshold,
          alertRate: 0,
          precision: null,
          recall: 0,
          alerts: 0,
          truePositives: 0,
          exact: true,
        },
        index: -1,
      };
    const upper = rows[above]!;
    // The last row is the lowest score: every case is alerted at or below it.
    if (upper.threshold === threshold || above === rows.length - 1)
      return { point: { ...asPoint(upper), threshold }, index: above };
    const lower = rows[above + 1]!;
    const w = (upper.threshold - threshold) / (upper.threshold - lower.threshold);
    const alerts = upper.alerts + w * (lower.alerts - upper.alerts);
    const truePositives = upper.truePositives + w * (lower.truePositives - upper.truePositives);
    return {
      point: {
        threshold,
        alertRate: alerts / cases,
        precision: truePositives / alerts,
        recall: positives > 0 ? truePositives / positives : 0,
        alerts,
        truePositives,
        exact: false,
      },
      index: above,
    };
  },
} as const;

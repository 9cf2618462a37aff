import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/support/error-of.js';
import { alertBudget } from './alert-budget.js';
import { classSortedScores } from './class-sorted-scores.js';
import { sortedCurvePoints } from './sorted-curve-points.js';
import { thresholdLookup } from './threshold-lookup.js';
import { thresholdTable } from './threshold-table.js';

/** 100,000 seeded cases, scores with 4 decimals (so that cases tie), positives likelier high up. */
function seededSplit(n: number, seed: number): { labels: number[]; scores: number[] } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const labels: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const score = Number((next() ** 3).toFixed(4));
    scores.push(score);
    labels.push(next() < score * 0.6 ? 1 : 0);
  }
  return { labels, scores };
}

const { labels, scores } = seededSplit(100_000, 42);
const positives = labels.filter((y) => y === 1).length;
const table = thresholdTable(sortedCurvePoints(classSortedScores(labels, scores)));

/** Alerts and true positives at a threshold, counted over every case. */
function counted(threshold: number): { alerts: number; tp: number } {
  let alerts = 0;
  let tp = 0;
  for (let i = 0; i < scores.length; i++)
    if (scores[i]! >= threshold) {
      alerts++;
      tp += labels[i]!;
    }
  return { alerts, tp };
}

describe('alertBudget for a capacity', () => {
  it('picks the threshold sending about capacity / daily volume of the cases, with counts a brute force confirms', () => {
    const budget = alertBudget(table, { capacity: 50, dailyVolume: 20_000 });
    expect(budget.request).toEqual({ capacity: 50, dailyVolume: 20_000, alertRate: 0.0025, threshold: null });
    // 0.25% of 100,000 cases is 250: the nearest of all distinct scores, each counted by bisection
    // of the sorted scores (the fewer alerts on a tie).
    const ascending = [...scores].sort((a, b) => a - b);
    const atOrAbove = (t: number): number => {
      let lo = 0;
      let hi = ascending.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ascending[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      return ascending.length - lo;
    };
    const distinct = [...new Set(scores)].sort((a, b) => b - a);
    const nearest = distinct.reduce((best, t) =>
      Math.abs(atOrAbove(t) - 250) < Math.abs(atOrAbove(best) - 250) ? t : best,
    );
    expect(budget.at.threshold).toBe(nearest);
    const { alerts, tp } = counted(budget.at.threshold);
    expect(budget.at).toEqual({
      threshold: nearest,
      alertRate: alerts / 100_000,
      precision: tp / alerts,
      recall: tp / positives,
      alerts,
      truePositives: tp,
      exact: true,
    });
    expect(Math.abs(alerts - 250)).toBeLessThan(15);
    expect(budget.perDay!.alerts).toBeCloseTo((alerts / 100_000) * 20_000, 9);
    expect(budget.perDay!.truePositives).toBeCloseTo((tp / 100_000) * 20_000, 9);
    expect(budget.warnings).toEqual([]);
  });

  it('shows five rows of the table either side of the pick', () => {
    const budget = alertBudget(table, { capacity: 50, dailyVolume: 20_000 });
    expect(budget.around).toHaveLength(11);
    expect(budget.around[5]!.threshold).toBe(budget.at.threshold);
    const start = table.rows.findIndex((r) => r.threshold === budget.around[0]!.threshold);
    expect(budget.around).toEqual(table.rows.slice(start, start + 11));
    // At the top of the table, fewer rows above.
    const top = alertBudget(table, { capacity: 1, dailyVolume: 1_000_000 });
    expect(top.at.threshold).toBe(table.rows[0]!.threshold);
    expect(top.around).toEqual(table.rows.slice(0, 6));
  });

  it('says when no threshold sends near the capacity, or when few cases stand behind the figures', () => {
    // One case in a million a day: the top-scored case alone, and the cases tied with it, are far more.
    const tiny = alertBudget(table, { capacity: 1, dailyVolume: 1_000_000 });
    expect(tiny.warnings.join('\n')).toMatch(/^only \d+ of the 100000 evaluated cases are alerted/m);
    expect(tiny.warnings.join('\n')).toMatch(/no threshold of the evaluation sends nearer 1 cases a day/);
  });
});

describe('alertBudget for a threshold', () => {
  it("states a row's own counts at one of the table's thresholds", () => {
    const row = table.rows[40]!;
    const budget = alertBudget(table, { threshold: row.threshold });
    expect(budget.at).toEqual({ ...row, exact: true });
    expect(budget.perDay).toBeNull();
    expect(budget.request).toEqual({
      capacity: null,
      dailyVolume: null,
      alertRate: null,
      threshold: row.threshold,
    });
  });

  it('interpolates between two rows, within the counts the two rows and a brute force bound', () => {
    for (const threshold of [0.5, 0.77777, 0.9123, 0.05]) {
      const { point, index } = thresholdLookup.atThreshold(table, threshold);
      const upper = table.rows[index]!;
      const lower = table.rows[index + 1]!;
      expect(upper.threshold).toBeGreaterThanOrEqual(threshold);
      expect(lower.threshold).toBeLessThan(threshold);
      const truth = counted(threshold);
      expect(truth.alerts).toBeGreaterThanOrEqual(upper.alerts);
      expect(truth.alerts).toBeLessThanOrEqual(lower.alerts);
      expect(point.alerts).toBeGreaterThanOrEqual(upper.alerts);
      expect(point.alerts).toBeLessThanOrEqual(lower.alerts);
      // Rows are at most 0.05%-1% of the cases apart: the estimate is that close to the count.
      expect(Math.abs(point.alerts - truth.alerts)).toBeLessThanOrEqual(lower.alerts - upper.alerts);
      expect(point.exact).toBe(upper.threshold === threshold);
      expect(point.recall).toBeCloseTo(point.truePositives / positives, 12);
    }
  });

  it('alerts nothing above the highest score and everything at or below the lowest', () => {
    const max = Math.max(...scores);
    expect(max).toBeLessThan(1);
    const none = alertBudget(table, { threshold: 1, dailyVolume: 20_000 });
    expect(none.at).toEqual({
      threshold: 1,
      alertRate: 0,
      precision: null,
      recall: 0,
      alerts: 0,
      truePositives: 0,
      exact: true,
    });
    expect(none.perDay).toEqual({ alerts: 0, truePositives: 0 });
    expect(none.around).toEqual(table.rows.slice(0, 5));
    const all = alertBudget(table, { threshold: 0 });
    expect(all.at).toMatchObject({
      alerts: 100_000,
      alertRate: 1,
      recall: 1,
      truePositives: positives,
      exact: true,
    });
  });
});

describe('alertBudget refuses what no table answers', () => {
  const refused = (request: Parameters<typeof alertBudget>[1]) => {
    const error = errorOf(() => alertBudget(table, request));
    return `${error.code}: ${error.message}`;
  };

  it('names a capacity of 0, a daily volume smaller than the capacity, a threshold outside [0, 1]', () => {
    expect(refused({ capacity: 0, dailyVolume: 20_000 })).toBe(
      'ALERT_BUDGET_INVALID: the capacity must be a positive number of cases a day; got 0',
    );
    expect(refused({ capacity: -5, dailyVolume: 20_000 })).toMatch(/^ALERT_BUDGET_INVALID: the capacity/);
    expect(refused({ capacity: Number.NaN, dailyVolume: 20_000 })).toMatch(
      /^ALERT_BUDGET_INVALID: the capacity/,
    );
    expect(refused({ capacity: 50, dailyVolume: 20 })).toBe(
      'ALERT_BUDGET_INVALID: the daily volume (20 cases scored a day) is smaller than the capacity (50 cases a day): the team can review every case, so no threshold is needed',
    );
    expect(refused({ capacity: 50, dailyVolume: 0 })).toMatch(/^ALERT_BUDGET_INVALID: the daily volume/);
    expect(refused({ threshold: 1.5 })).toBe(
      'ALERT_BUDGET_INVALID: the threshold must be a score from 0 to 1; got 1.5',
    );
    expect(refused({ threshold: -0.1 })).toMatch(/^ALERT_BUDGET_INVALID: the threshold/);
    expect(refused({ threshold: Number.NaN })).toMatch(/^ALERT_BUDGET_INVALID: the threshold/);
  });

  it('refuses a table without rows', () => {
    const error = errorOf(() => alertBudget({ cases: 0, positives: 0, rows: [] }, { threshold: 0.5 }));
    expect(error.code).toBe('THRESHOLD_TABLE_MISSING');
  });
});

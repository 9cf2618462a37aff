import { describe, expect, it } from 'vitest';
import { ALERT_RATE_GRID } from './alert-rate-grid.js';
import { classSortedScores } from './class-sorted-scores.js';
import { sortedCurvePoints } from './sorted-curve-points.js';
import { evaluateSplit } from './split-evaluation.js';
import { thresholdTable } from './threshold-table.js';

/** A seeded split: scores rounded to `decimals` (so that many cases tie), positives likelier high up. */
function seededSplit(n: number, seed: number, decimals = 3): { labels: number[]; scores: number[] } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const labels: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const score = Number((next() ** 3).toFixed(decimals));
    scores.push(score);
    labels.push(next() < score * 0.6 ? 1 : 0);
  }
  return { labels, scores };
}

const tableOf = (labels: number[], scores: number[]) =>
  thresholdTable(sortedCurvePoints(classSortedScores(labels, scores)));

/** Alerts and true positives at a threshold, counted over every case. */
function counted(labels: number[], scores: number[], threshold: number): { alerts: number; tp: number } {
  let alerts = 0;
  let tp = 0;
  for (let i = 0; i < scores.length; i++)
    if (scores[i]! >= threshold) {
      alerts++;
      tp += labels[i]!;
    }
  return { alerts, tp };
}

describe('ALERT_RATE_GRID', () => {
  it('is every 0.05% to 5%, 0.1% to 10%, 0.5% to 25%, 1% to 100%: 255 exact decimals, ascending', () => {
    expect(ALERT_RATE_GRID).toHaveLength(100 + 50 + 30 + 75);
    expect(ALERT_RATE_GRID.slice(0, 3)).toEqual([0.0005, 0.001, 0.0015]);
    for (const rate of [0.0025, 0.05, 0.051, 0.1, 0.105, 0.25, 0.26, 1])
      expect(ALERT_RATE_GRID).toContain(rate);
    expect(ALERT_RATE_GRID).not.toContain(0.0505);
    for (let i = 1; i < ALERT_RATE_GRID.length; i++)
      expect(ALERT_RATE_GRID[i]!).toBeGreaterThan(ALERT_RATE_GRID[i - 1]!);
    expect(ALERT_RATE_GRID.at(-1)).toBe(1);
  });
});

describe('thresholdTable', () => {
  it('counts a hand-checked split', () => {
    // Ten cases: positives at 0.9 and 0.6; 0.7 is a negative; two negatives tie at 0.2.
    const labels = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    const scores = [0.9, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.2, 0.1, 0.05];
    const table = tableOf(labels, scores);
    expect(table.cases).toBe(10);
    expect(table.positives).toBe(2);
    // Every distinct score is some grid rate's nearest point here (10% steps between 5% and 100%).
    expect(table.rows.map((r) => r.threshold)).toEqual([0.9, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05]);
    expect(table.rows[2]).toEqual({
      threshold: 0.6,
      alertRate: 0.3,
      precision: 2 / 3,
      recall: 1,
      alerts: 3,
      truePositives: 2,
    });
    // The tie at 0.2 alerts both cases at once: 8 alerts, never 7.
    expect(table.rows[6]).toMatchObject({ threshold: 0.2, alerts: 8, alertRate: 0.8 });
    expect(table.rows.at(-1)).toMatchObject({ alerts: 10, alertRate: 1, recall: 1, precision: 0.2 });
  });

  it('agrees with a brute-force count over the scores, row by row and rate by rate', () => {
    const { labels, scores } = seededSplit(20_000, 7);
    const table = tableOf(labels, scores);
    const positives = labels.filter((y) => y === 1).length;
    expect(table).toMatchObject({ cases: 20_000, positives });
    // Every row: its counts are those of alerting every case at or above its threshold.
    for (const row of table.rows) {
      const { alerts, tp } = counted(labels, scores, row.threshold);
      expect(row.alerts).toBe(alerts);
      expect(row.truePositives).toBe(tp);
      expect(row.alertRate).toBe(alerts / 20_000);
      expect(row.precision).toBe(tp / alerts);
      expect(row.recall).toBe(tp / positives);
    }
    // Every grid rate: the nearest of all distinct thresholds (the fewer alerts on a tie) is a row.
    const distinct = [...new Set(scores)].sort((a, b) => b - a);
    const alertsAt = distinct.map((t) => counted(labels, scores, t).alerts);
    const thresholds = new Set(table.rows.map((r) => r.threshold));
    for (const rate of ALERT_RATE_GRID) {
      let best = 0;
      for (let k = 1; k < distinct.length; k++)
        if (Math.abs(alertsAt[k]! - rate * 20_000) < Math.abs(alertsAt[best]! - rate * 20_000)) best = k;
      expect(thresholds.has(distinct[best]!), `rate ${rate}`).toBe(true);
    }
    // From the highest score to the lowest, each threshold once, descending.
    expect(table.rows[0]!.threshold).toBe(distinct[0]);
    expect(table.rows.at(-1)!.threshold).toBe(distinct.at(-1));
    for (let i = 1; i < table.rows.length; i++)
      expect(table.rows[i]!.threshold).toBeLessThan(table.rows[i - 1]!.threshold);
  });

  it('stays a few hundred rows on a large split, with 0.05% steps where teams work', () => {
    const { labels, scores } = seededSplit(300_000, 11, 9);
    const table = tableOf(labels, scores);
    expect(table.rows.length).toBeLessThanOrEqual(ALERT_RATE_GRID.length + 2);
    expect(table.rows.length).toBeGreaterThan(250);
    const near = (rate: number) => table.rows.find((r) => Math.abs(r.alertRate - rate) < 1e-9);
    expect(near(0.0025)?.alerts).toBe(750);
    expect(near(0.0495)?.alerts).toBe(14_850);
  });

  it('is kept with the held-out split of an evaluation, not with the training split', () => {
    const { labels, scores } = seededSplit(2_000, 3);
    const shape = { curvePoints: 21, calibrationBins: 5, distributionBins: 5 };
    expect(evaluateSplit(labels, scores, 0.5, shape, true).thresholdTable).toEqual(tableOf(labels, scores));
    expect(evaluateSplit(labels, scores, 0.5, shape, false).thresholdTable).toBeUndefined();
  });

  it('has no rows without cases', () => {
    expect(tableOf([], [])).toEqual({ cases: 0, positives: 0, rows: [] });
  });
});

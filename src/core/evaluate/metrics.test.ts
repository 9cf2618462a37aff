import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brierScore } from './brier-score.js';
import { calibrationTable } from './calibration-table.js';
import { confusionAtThreshold, thresholdForAlertRate } from './confusion-at-threshold.js';
import { ksStatistic } from './ks-statistic.js';
import { averagePrecision, precisionRecallCurve } from './precision-recall.js';
import { rocCurve } from './roc-curve.js';
import { scoreDistribution } from './score-distribution.js';

interface SklearnCase {
  labels: number[];
  scores: number[];
  roc_auc: number;
  average_precision: number;
  brier: number;
}
const cases: SklearnCase[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/evaluate/sklearn-metrics.json', import.meta.url), 'utf8'),
);

function trapezoid(x: number[], y: number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return area;
}

describe('evaluation metrics against scikit-learn (test/fixtures/evaluate, ties included)', () => {
  it.each(cases.map((c, i) => [i, c] as const))(
    'case %i: average precision, Brier, ROC curve area',
    (_, c) => {
      expect(averagePrecision(c.labels, c.scores)).toBeCloseTo(c.average_precision, 12);
      expect(brierScore(c.labels, c.scores)).toBeCloseTo(c.brier, 12);
      const roc = rocCurve(c.labels, c.scores, 100_000);
      expect(trapezoid(roc.fpr, roc.tpr)).toBeCloseTo(c.roc_auc, 12);
    },
  );
});

describe('operating point, KS, calibration and distributions', () => {
  const labels = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
  const scores = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.7, 0.6, 0.9];

  it('the base-rate threshold alerts on as many cases as there are positives', () => {
    const threshold = thresholdForAlertRate(scores, 0.2);
    expect(threshold).toBe(0.7);
    const confusion = confusionAtThreshold(labels, scores, threshold);
    expect(confusion).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 7,
    });
    expect(confusion.precision).toBe(0.5);
    expect(confusion.recall).toBe(0.5);
    expect(confusion.alertRate).toBe(0.2);
  });

  it('KS is the largest TPR − FPR gap', () => {
    expect(ksStatistic(labels, scores)).toEqual({ statistic: 1 - 1 / 8, threshold: 0.6 });
    expect(ksStatistic([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]).statistic).toBe(1);
  });

  it('calibration bins have equal counts and observed rates', () => {
    const table = calibrationTable(labels, scores, 2);
    expect(table.map((b) => b.count)).toEqual([5, 5]);
    expect(table[0]!.observedRate).toBe(0);
    expect(table[1]!.observedRate).toBeCloseTo(0.4, 12);
    expect(table[1]!.meanPredicted).toBeCloseTo((0.3 + 0.35 + 0.7 + 0.6 + 0.9) / 5, 12);
  });

  it('score distribution counts each class per bin and curves are thinned for drawing', () => {
    const d = scoreDistribution(labels, scores, 10);
    expect(d.positives.reduce((a, b) => a + b)).toBe(2);
    expect(d.negatives.reduce((a, b) => a + b)).toBe(8);
    expect(d.positives[9]).toBe(1);
    const big = Array.from({ length: 5000 }, (_, i) => i / 5000);
    const bigLabels = big.map((s) => (s > 0.9 ? 1 : 0));
    expect(rocCurve(bigLabels, big, 101).fpr.length).toBeLessThanOrEqual(102);
    expect(precisionRecallCurve(bigLabels, big, 101).precision.length).toBeLessThanOrEqual(102);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluationReport } from './evaluation-report.js';

// Two positives (0.6, 0.9) among eight negatives (0.05 .. 0.35 and 0.7).
const labels = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
const scores = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.7, 0.6, 0.9];
const split = { labels, probabilities: scores };

describe('evaluationReport on a hand-checked case', () => {
  const report = evaluationReport(split, split, {
    curvePoints: 50,
    calibrationBins: 2,
    distributionBins: 10,
  });

  it('scores ranking, probability and separation metrics', () => {
    const t = report.test;
    expect(t.rows).toBe(10);
    expect(t.positives).toBe(2);
    expect(t.positiveRate).toBe(0.2);
    // 0.9 beats all 8 negatives, 0.6 beats 7 of them: 15 of 16 pairs.
    expect(t.rocAuc).toBe(15 / 16);
    // Precision 1 at recall 0.5, then 2/3 at recall 1.
    expect(t.prAuc).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 12);
    // Squared errors: negatives 0.84 in all, positives 0.16 + 0.01.
    expect(t.brier).toBeCloseTo(1.01 / 10, 12);
    const expectedLogLoss =
      -(scores.slice(0, 8).reduce((a, p) => a + Math.log(1 - p), 0) + Math.log(0.6) + Math.log(0.9)) / 10;
    expect(t.logLoss).toBeCloseTo(expectedLogLoss, 12);
    expect(t.ks).toEqual({ statistic: 1 - 1 / 8, threshold: 0.6 });
  });

  it('sets the threshold at the base rate: as many alerts as positives', () => {
    expect(report.threshold).toEqual({ value: 0.7, rule: { kind: 'base-rate' }, alertRate: 0.2 });
    expect(report.test.confusion).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      trueNegatives: 7,
      falseNegatives: 1,
      precision: 0.5,
      recall: 0.5,
      alertRate: 0.2,
    });
  });

  it('takes a fixed threshold or an alert rate', () => {
    const fixed = evaluationReport(split, split, { threshold: { kind: 'fixed', value: 0.5 } });
    expect(fixed.threshold.alertRate).toBe(0.3);
    expect(fixed.test.confusion).toMatchObject({ truePositives: 2, falsePositives: 1, recall: 1 });
    const rate = evaluationReport(split, split, { threshold: { kind: 'alert-rate', rate: 0.1 } });
    expect(rate.threshold.value).toBe(0.9);
    expect(rate.test.confusion.precision).toBe(1);
  });

  it('draws curves, calibration and the test score distribution, and survives JSON unchanged', () => {
    expect(report.test.rocCurve.fpr[0]).toBe(0);
    expect(report.test.rocCurve.thresholds[0]).toBeNull();
    expect(report.test.rocCurve.tpr.at(-1)).toBe(1);
    expect(report.test.prCurve.recall.at(-1)).toBe(1);
    expect(report.test.calibration.map((b) => b.observedRate)).toEqual([0, 0.4]);
    expect(report.test.scoreDistribution!.positives).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 1]);
    expect(report.train.scoreDistribution).toBeUndefined();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reports null, not NaN, for what a split without positives cannot measure', () => {
    const negatives = { labels: [0, 0, 0], probabilities: [0.1, 0.2, 0.3] };
    const r = evaluationReport(split, negatives);
    expect(r.test.rocAuc).toBeNull();
    expect(r.test.prAuc).toBeNull();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

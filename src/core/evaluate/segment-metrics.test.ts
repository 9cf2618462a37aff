import { describe, expect, it } from 'vitest';
import { segmentAssignment } from './segment-assignment.js';
import { MIN_SEGMENT_CLASS_COUNT, segmentMetrics } from './segment-metrics.js';

/** A seeded generator, so that every run checks the same cases. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** ROC AUC by counting every (positive, negative) pair, ties as one half. */
function bruteForceAuc(labels: number[], scores: number[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++)
    for (let j = 0; j < labels.length; j++)
      if (labels[i] === 1 && labels[j] === 0) {
        pairs++;
        sum += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
  return sum / pairs;
}

describe('segmentMetrics', () => {
  it('gives each segment the ROC AUC, precision, recall and alert rate of its own cases, counted pair by pair', () => {
    const next = lcg(17);
    const groups = ['a', 'b', 'c', 'd'];
    const n = 1200;
    const group: string[] = [];
    const labels: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < n; i++) {
      // Group d is rare: too small to measure.
      const g = next() < 0.04 ? 'd' : groups[Math.floor(next() * 3)]!;
      const label = next() < (g === 'a' ? 0.3 : 0.15) ? 1 : 0;
      group.push(g);
      labels.push(label);
      scores.push(Number((next() * 0.7 + label * 0.3 * next()).toFixed(2))); // ties
    }
    const threshold = 0.55;
    const metrics = segmentMetrics(
      labels,
      scores,
      segmentAssignment({ kind: 'cells', values: group }, { column: 'g', kind: 'value' }),
      threshold,
    );
    expect(metrics.map((m) => m.segment)).toEqual(groups);
    for (const m of metrics) {
      const rows = group.flatMap((g, i) => (g === m.segment ? [i] : []));
      const y = rows.map((i) => labels[i]!);
      const p = rows.map((i) => scores[i]!);
      const positives = y.filter((v) => v === 1).length;
      const alerted = rows.filter((i) => scores[i]! >= threshold);
      const tp = alerted.filter((i) => labels[i] === 1).length;
      expect(m).toMatchObject({ count: rows.length, positives, negatives: rows.length - positives });
      expect(m.alerts).toBe(alerted.length);
      expect(m.alertRate).toBeCloseTo(alerted.length / rows.length, 14);
      expect(m.precision).toBeCloseTo(tp / alerted.length, 14);
      expect(m.recall).toBeCloseTo(tp / positives, 14);
      const measurable =
        positives >= MIN_SEGMENT_CLASS_COUNT && rows.length - positives >= MIN_SEGMENT_CLASS_COUNT;
      if (measurable) {
        expect(m.rocAuc).toBeCloseTo(bruteForceAuc(y, p), 12);
        expect(m.warning).toBeNull();
      } else {
        expect(m.segment).toBe('d');
        expect(m.rocAuc).toBeNull();
        expect(m.warning).toMatch(
          new RegExp(
            `^too small to measure: ${positives} positives? \\(fewer than 30\\); ROC AUC not reported`,
          ),
        );
      }
    }
  });

  it('says why a figure is missing: no cases, no alerts, no positives, no threshold', () => {
    const assignment = segmentAssignment(
      { kind: 'numeric', values: [1, 2, 3, 10, 11, 12] },
      { column: 'x', kind: 'band', cuts: [5, 8] },
    );
    const [low, empty, high] = segmentMetrics(
      [0, 0, 0, 1, 0, 1],
      [0.1, 0.2, 0.3, 0.9, 0.4, 0.2],
      assignment,
      0.5,
    );
    expect(low).toMatchObject({
      count: 3,
      positives: 0,
      alerts: 0,
      precision: null,
      recall: null,
      rocAuc: null,
    });
    expect(low!.warning).toMatch(/too small to measure: 0 positives and 3 negatives \(fewer than 30\)/);
    expect(empty).toMatchObject({
      segment: '5 to < 8',
      count: 0,
      alertRate: null,
      warning: 'no cases in this segment',
    });
    expect(high).toMatchObject({
      count: 3,
      positives: 2,
      alerts: 1,
      precision: 1,
      recall: 0.5,
      alertRate: 1 / 3,
    });
    const unthresholded = segmentMetrics(
      [0, 0, 0, 1, 0, 1],
      [0.1, 0.2, 0.3, 0.9, 0.4, 0.2],
      assignment,
      null,
    );
    expect(unthresholded[2]).toMatchObject({ alerts: null, alertRate: null, precision: null, recall: null });
  });
});

import { describe, expect, it } from 'vitest';
import { Rng } from '../random/index.js';
import { classSortedScores } from './class-sorted-scores.js';
import { rocAucInterval } from './roc-auc-interval.js';

/** DeLong's interval straight from its definition: every (positive, negative) pair compared. */
function delongByPairs(labels: number[], scores: number[]) {
  const pos = scores.filter((_, i) => labels[i] === 1);
  const neg = scores.filter((_, i) => labels[i] === 0);
  const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
  const v10 = pos.map((x) => neg.reduce((s, y) => s + psi(x, y), 0) / neg.length);
  const v01 = neg.map((y) => pos.reduce((s, x) => s + psi(x, y), 0) / pos.length);
  const auc = v10.reduce((a, b) => a + b, 0) / pos.length;
  const s10 = v10.reduce((s, v) => s + (v - auc) ** 2, 0) / (pos.length - 1);
  const s01 = v01.reduce((s, v) => s + (v - auc) ** 2, 0) / (neg.length - 1);
  const se = Math.sqrt(s10 / pos.length + s01 / neg.length);
  return {
    auc,
    lower: Math.max(0, auc - 1.959963984540054 * se),
    upper: Math.min(1, auc + 1.959963984540054 * se),
  };
}

describe('the ROC AUC interval (DeLong)', () => {
  it('matches the pairwise definition, with ties, on random data', () => {
    const rng = new Rng(5);
    for (const rows of [20, 300, 2000]) {
      const labels = Array.from({ length: rows }, () => (rng.next() < 0.2 ? 1 : 0));
      // Rounded scores make many ties; positives score higher on average.
      const scores = labels.map((y) => Math.round((rng.next() + 0.4 * y) * 20) / 20);
      const interval = rocAucInterval(classSortedScores(labels, scores))!;
      const expected = delongByPairs(labels, scores);
      expect(interval.lower).toBeCloseTo(expected.lower, 12);
      expect(interval.upper).toBeCloseTo(expected.upper, 12);
      expect(interval.lower).toBeLessThan(expected.auc);
      expect(interval.upper).toBeGreaterThan(expected.auc);
    }
  });

  it('narrows as the data grows, stays within [0, 1], and is null without two of each class', () => {
    const perfect = rocAucInterval(classSortedScores([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]))!;
    expect(perfect).toEqual({ lower: 1, upper: 1, level: 0.95, method: 'DeLong' });
    expect(rocAucInterval(classSortedScores([0, 1, 1], [0.1, 0.5, 0.9]))).toBeNull();
    const rng = new Rng(9);
    const width = (rows: number) => {
      const labels = Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? 1 : 0));
      const scores = labels.map((y) => rng.next() + 0.3 * y);
      const i = rocAucInterval(classSortedScores(labels, scores))!;
      return i.upper - i.lower;
    };
    expect(width(10_000)).toBeLessThan(width(500) / 3);
  });
});

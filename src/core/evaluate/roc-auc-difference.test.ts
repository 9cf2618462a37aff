import { describe, expect, it } from 'vitest';
import { Rng } from '../random/index.js';
import { rocAucDifference } from './roc-auc-difference.js';

/** DeLong's paired test straight from its definition: every (positive, negative) pair, the 2x2 covariances. */
function delongPairedByPairs(labels: number[], a: number[], b: number[]) {
  const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
  const parts = (s: number[]) => {
    const pos = s.filter((_, i) => labels[i] === 1);
    const neg = s.filter((_, i) => labels[i] === 0);
    return {
      v10: pos.map((x) => neg.reduce((t, y) => t + psi(x, y), 0) / neg.length),
      v01: neg.map((y) => pos.reduce((t, x) => t + psi(x, y), 0) / pos.length),
    };
  };
  const pa = parts(a);
  const pb = parts(b);
  const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const cov = (x: number[], y: number[]) => {
    const mx = avg(x);
    const my = avg(y);
    return x.reduce((s, xi, i) => s + (xi - mx) * (y[i]! - my), 0) / (x.length - 1);
  };
  const m = pa.v10.length;
  const n = pa.v01.length;
  const variance =
    (cov(pa.v10, pa.v10) + cov(pb.v10, pb.v10) - 2 * cov(pa.v10, pb.v10)) / m +
    (cov(pa.v01, pa.v01) + cov(pb.v01, pb.v01) - 2 * cov(pa.v01, pb.v01)) / n;
  return { difference: avg(pa.v10) - avg(pb.v10), se: Math.sqrt(variance) };
}

describe("DeLong's test of two correlated ROC AUCs", () => {
  it('matches the pairwise definition with its covariances, with ties', () => {
    const rng = new Rng(11);
    for (const rows of [30, 400, 1500]) {
      const labels = Array.from({ length: rows }, () => (rng.next() < 0.15 ? 1 : 0));
      const signal = labels.map((y) => rng.next() + 0.5 * y);
      const a = signal.map((s) => Math.round((s + 0.3 * rng.next()) * 20) / 20);
      const b = signal.map((s) => Math.round((s + 0.8 * rng.next()) * 10) / 10);
      const got = rocAucDifference(labels, a, b)!;
      const want = delongPairedByPairs(labels, a, b);
      expect(got.difference).toBeCloseTo(want.difference, 12);
      expect(got.upper - got.lower).toBeCloseTo(2 * 1.959963984540054 * want.se, 10);
      expect(got.lower).toBeLessThan(got.difference);
    }
  });

  it('finds a real difference significant and a model against itself not', () => {
    const rng = new Rng(3);
    const labels = Array.from({ length: 3000 }, () => (rng.next() < 0.1 ? 1 : 0));
    const good = labels.map((y) => rng.next() + 1.5 * y);
    const weak = good.map((s) => s + 2 * rng.next());
    const clear = rocAucDifference(labels, good, weak)!;
    expect(clear.difference).toBeGreaterThan(0.05);
    expect(clear.pValue).toBeLessThan(1e-6);
    expect(clear.lower).toBeGreaterThan(0);
    const same = rocAucDifference(labels, good, good)!;
    expect(same).toMatchObject({ difference: 0, pValue: 1 });
    expect(rocAucDifference([1, 0, 0], [0.9, 0.1, 0.2], [0.5, 0.5, 0.5])).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Frame } from '../frame/index.js';
import { segmentCuts } from './segment-cuts.js';
import type { SegmentMetrics } from './segment-metrics.js';
import { segmentReport } from './segment-report.js';

/** What scikit-learn and numpy computed (scripts/fixtures/make-segment-fixtures.py). */
interface Expected {
  segment: string;
  band?: { from: number | null; to: number | null };
  count: number;
  positives: number;
  rocAuc: number | null;
  alerts: number;
  alertRate: number | null;
  precision: number | null;
  recall: number | null;
}
interface SklearnCase {
  name: string;
  bands: number;
  threshold: number;
  trainAmount: (number | null)[];
  test: { labels: number[]; scores: number[]; risk: (string | null)[]; amount: (number | null)[] };
  expected: { cuts: number[]; risk: Expected[]; amount: Expected[] };
}
const cases: SklearnCase[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/evaluate/sklearn-segments.json', import.meta.url), 'utf8'),
);

const numbers = (values: (number | null)[]) =>
  Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
const categorical = (name: string, values: (string | null)[]) => {
  const categories = [...new Set(values.filter((v) => v !== null))];
  return {
    kind: 'categorical' as const,
    name,
    categories,
    codes: Int32Array.from(values, (v) => (v === null ? -1 : categories.indexOf(v))),
  };
};

function expectSame(actual: readonly SegmentMetrics[], expected: Expected[]): void {
  expect(actual.map((s) => s.segment)).toEqual(expected.map((e) => e.segment));
  actual.forEach((a, i) => {
    const e = expected[i]!;
    expect(a.band).toEqual(e.band);
    expect([a.count, a.positives, a.negatives, a.alerts]).toEqual([
      e.count,
      e.positives,
      e.count - e.positives,
      e.alerts,
    ]);
    for (const key of ['rocAuc', 'alertRate', 'precision', 'recall'] as const) {
      if (e[key] === null) expect(a[key], `${e.segment} ${key}`).toBeNull();
      else expect(a[key], `${e.segment} ${key}`).toBeCloseTo(e[key], 12);
    }
    expect(a.warning === null).toBe(e.rocAuc !== null);
  });
}

describe('the evaluation by segment against scikit-learn and numpy (test/fixtures/evaluate)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(segmentCuts(numbers(c.trainAmount), c.bands)).toEqual(c.expected.cuts);
    const train = new Frame([
      categorical(
        'risk_pld',
        c.trainAmount.map(() => 'LOW'),
      ),
      { kind: 'numeric', name: 'amount', values: numbers(c.trainAmount) },
    ]);
    const test = new Frame([
      categorical('risk_pld', c.test.risk),
      { kind: 'numeric', name: 'amount', values: numbers(c.test.amount) },
    ]);
    const report = segmentReport(
      train,
      { frame: test, labels: c.test.labels, probabilities: c.test.scores },
      {
        columns: ['risk_pld', 'amount', 'region'],
        bands: c.bands,
        threshold: { value: c.threshold, source: 'operating' },
      },
    );
    expect(report).toMatchObject({
      split: 'test',
      threshold: { value: c.threshold, source: 'operating' },
      minClassCount: 30,
      skipped: [{ column: 'region', reason: "the training data has no column 'region'" }],
    });
    const [risk, amount] = report.breakdowns;
    expect(risk).toMatchObject({ column: 'risk_pld', kind: 'value', cuts: null });
    expectSame(risk!.segments, c.expected.risk);
    expect(amount).toMatchObject({ column: 'amount', kind: 'band', cuts: c.expected.cuts });
    expectSame(amount!.segments, c.expected.amount);
    // Every case is in exactly one segment of each breakdown.
    for (const b of report.breakdowns)
      expect(b.segments.reduce((n, s) => n + s.count, 0)).toBe(c.test.labels.length);
  });

  it('reports a column once, and says which split lacks one', () => {
    const train = new Frame([{ kind: 'numeric', name: 'x', values: Float64Array.of(1, 2, 3, 4) }]);
    const test = new Frame([{ kind: 'numeric', name: 'y', values: Float64Array.of(1, 2) }]);
    const report = segmentReport(
      train,
      { frame: test, labels: [0, 1], probabilities: [0.2, 0.8] },
      { columns: ['x', 'x'], bands: 4, threshold: { value: 0.5, source: 'alert-threshold' } },
    );
    expect(report.breakdowns).toEqual([]);
    expect(report.skipped).toEqual([{ column: 'x', reason: "the test data has no column 'x'" }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SegmentMetrics } from '../evaluate/segment-metrics.js';
import type { SegmentReport } from '../evaluate/segment-report.js';
import { type ModelCard, modelCardCaveats, renderModelCard } from './model-card.js';

const segment = (
  name: string,
  rocAuc: number | null,
  extra: Partial<SegmentMetrics> = {},
): SegmentMetrics => ({
  segment: name,
  count: 400,
  positives: rocAuc === null ? 12 : 80,
  negatives: rocAuc === null ? 388 : 320,
  rocAuc,
  alerts: 100,
  alertRate: 0.25,
  precision: 0.6,
  recall: 0.75,
  warning:
    rocAuc === null ? 'too small to measure: 12 positives (fewer than 30); ROC AUC not reported' : null,
  ...extra,
});

const report: SegmentReport = {
  split: 'test',
  threshold: { value: 0.4123, source: 'operating' },
  minClassCount: 30,
  breakdowns: [
    {
      column: 'risk_pld',
      kind: 'value',
      cuts: null,
      segments: [segment('HIGH', 0.93), segment('LOW', 0.81)],
    },
    {
      column: 'total_outcome_dollar_amount',
      kind: 'band',
      cuts: [250],
      segments: [
        segment('< 250', null, { band: { from: null, to: 250 } }),
        segment('>= 250', 0.9, { band: { from: 250, to: null } }),
      ],
    },
  ],
  skipped: [{ column: 'region', reason: "the training data has no column 'region'" }],
};

describe('the model card by segment', () => {
  it('calls out segments too small to measure and those ranked clearly worse than the whole', () => {
    const caveats = modelCardCaveats({ test_roc_auc: 0.92, test_positives: 500 }, 0.89, report);
    expect(caveats).toContain(
      '1 segment is too small to measure (fewer than 30 positives or negatives in the test split), their ROC AUC not reported: total_outcome_dollar_amount < 250',
    );
    expect(caveats).toContain(
      'risk_pld LOW ranks worse than the whole test split: ROC AUC 0.8100 against 0.9200',
    );
    expect(caveats.some((c) => c.includes('HIGH') || c.includes('>= 250'))).toBe(false);
  });

  it('has a table per column with every figure, the threshold it was measured at, and what was skipped', () => {
    const card: ModelCard = {
      model: { name: 'm', version: '3', runId: 'r' },
      trainedAt: '2026-12-17T00:00:00.000Z',
      data: {
        source: 'cases.csv',
        testSource: null,
        trainRows: 7,
        trainPositives: 1,
        testRows: 3,
        testPositives: 1,
      },
      training: {
        preset: 'original',
        seed: 42,
        featureSet: 'original',
        features: ['a'],
        params: {},
        trees: 3,
      },
      metrics: { test_roc_auc: 0.92 },
      segments: report,
      promotion: { promoted: true, reason: 'first version' },
      caveats: ['c'],
    };
    const md = renderModelCard(card);
    expect(md).toContain(
      'The test split by segment, alerts at the operating threshold 0.4123 (as many alerts as the train split has positives).',
    );
    expect(md).toContain('### total_outcome_dollar_amount (quantile bands of the train split, cut at 250)');
    expect(md).toContain('| LOW | 400 | 80 | 0.8100 | 0.6000 | 0.7500 | 0.2500 |  |');
    expect(md).toContain(
      '| < 250 | 400 | 12 | n/a | 0.6000 | 0.7500 | 0.2500 | too small to measure: 12 positives (fewer than 30); ROC AUC not reported |',
    );
    expect(md).toContain("- `region`: the training data has no column 'region'");
    expect(md.indexOf('## Segments')).toBeGreaterThan(md.indexOf('## Metrics'));
    expect(md.indexOf('## Caveats')).toBeGreaterThan(md.indexOf('## Segments'));
    const without = renderModelCard({ ...card, segments: undefined });
    expect(without).not.toContain('## Segments');
    expect(without).toContain('\n\n## Caveats\n\n- c\n');
  });
});

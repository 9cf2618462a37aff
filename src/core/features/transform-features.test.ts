import { describe, expect, it } from 'vitest';
import { Frame } from '../frame/frame.js';
import { generateCases } from '../synthetic/index.js';
import { FEATURE_FINDING_CODES } from './feature-finding-codes.js';
import { featureSources } from './feature-sources.js';
import { fitFeaturePipeline } from './fit-feature-pipeline.js';
import { transformFeatures } from './transform-features.js';

const train = new Frame([
  { kind: 'numeric', name: 'income', values: Float64Array.of(100, 200, 300, 400) },
  {
    kind: 'categorical',
    name: 'risk_pld',
    codes: Int32Array.of(0, 1, 2, 0),
    categories: ['LOW', 'MEDIUM', 'HIGH'],
  },
]);
const spec = { numericColumns: ['income'], categoricalColumns: ['risk_pld'] };
const column = (result: ReturnType<typeof transformFeatures>, name: string) =>
  Array.from(result.matrix.columns[result.matrix.featureNames.indexOf(name)]!);

describe('transformFeatures', () => {
  const state = fitFeaturePipeline(train, spec);

  it('one-hot encodes categories and keeps numbers as Float32 columns', () => {
    const result = transformFeatures(train, state);
    expect(result.matrix.rowCount).toBe(4);
    expect(result.matrix.featureNames).toEqual([
      'income',
      'risk_pld=HIGH',
      'risk_pld=LOW',
      'risk_pld=MEDIUM',
    ]);
    expect(column(result, 'income')).toEqual([100, 200, 300, 400]);
    expect(column(result, 'risk_pld=LOW')).toEqual([1, 0, 0, 1]);
    expect(column(result, 'risk_pld=HIGH')).toEqual([0, 0, 1, 0]);
    expect(result.findings).toEqual([]);
  });

  it('encodes unseen categories as all zeros and reports each column with its values', () => {
    const scoring = new Frame([
      { kind: 'numeric', name: 'income', values: Float64Array.of(1, 2, 3, 4) },
      { kind: 'text', name: 'risk_pld', values: ['CRITICAL', 'high', 'LOW', 'CRITICAL'] },
    ]);
    const result = transformFeatures(scoring, state);
    for (const name of ['risk_pld=HIGH', 'risk_pld=LOW', 'risk_pld=MEDIUM'])
      expect(column(result, name).slice(0, 2)).toEqual([0, 0]);
    expect(column(result, 'risk_pld=LOW')[2]).toBe(1);
    expect(result.findings).toEqual([
      expect.objectContaining({
        code: 'UNSEEN_CATEGORY',
        path: 'risk_pld',
        severity: 'warning',
        value: 3,
        details: {
          values: [
            { value: 'CRITICAL', count: 2 },
            { value: 'high', count: 1 },
          ],
          distinct: 2,
        },
      }),
    ]);
  });

  it('keeps missing numbers missing, or fills them, and imputes missing categories', () => {
    const scoring = new Frame([
      { kind: 'text', name: 'income', values: ['', '12.5', 'n/a', null] },
      { kind: 'categorical', name: 'risk_pld', codes: Int32Array.of(-1, 0, 0, 0), categories: ['HIGH'] },
    ]);
    const kept = transformFeatures(scoring, state);
    expect(column(kept, 'income')).toEqual([Number.NaN, 12.5, Number.NaN, Number.NaN]);
    expect(column(kept, 'risk_pld=LOW')[0]).toBe(1); // LOW is the most frequent in training
    expect(kept.findings.map((f) => f.code)).toEqual(['NON_NUMERIC_VALUE', 'MISSING_CATEGORY']);
    expect(kept.findings[0]).toMatchObject({ value: 1, details: { examples: [{ row: 2, value: 'n/a' }] } });
    const filled = transformFeatures(
      scoring,
      fitFeaturePipeline(train, { ...spec, missing: { strategy: 'fill', value: 0 } }),
    );
    expect(column(filled, 'income')).toEqual([0, 12.5, 0, 0]);
  });

  it('computes derived features, and maps every output column back to its input', () => {
    const { frame } = generateCases({ rows: 200, seed: 1 });
    const domainState = fitFeaturePipeline(frame, {
      numericColumns: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
      categoricalColumns: ['risk_pld'],
      domain: { incomeColumn: 'total_income_dollar_amount', outcomeColumn: 'total_outcome_dollar_amount' },
    });
    const result = transformFeatures(frame, domainState);
    const income = column(result, 'total_income_dollar_amount');
    const outcome = column(result, 'total_outcome_dollar_amount');
    const ratio = column(result, 'log_outflow_inflow_ratio');
    const net = column(result, 'net_flow');
    for (let i = 0; i < 200; i++) {
      expect(ratio[i]).toBeCloseTo(Math.log1p(outcome[i]!) - Math.log1p(income[i]!), 4);
      expect(net[i]).toBeCloseTo(income[i]! - outcome[i]!, -1);
    }
    const sources = featureSources(domainState);
    expect(sources.map((s) => s.name)).toEqual(domainState.featureNames);
    expect(sources.find((s) => s.name === 'risk_pld=HIGH')).toEqual({
      name: 'risk_pld=HIGH',
      feature: 'risk_pld',
      inputs: ['risk_pld'],
    });
    expect(sources.find((s) => s.name === 'net_flow')?.inputs).toEqual([
      'total_income_dollar_amount',
      'total_outcome_dollar_amount',
    ]);
  });

  it('refuses data without a column the pipeline needs', () => {
    const without = new Frame([{ kind: 'numeric', name: 'income', values: Float64Array.of(1) }]);
    expect(() => transformFeatures(without, state)).toThrow(
      expect.objectContaining({ code: 'DATA_INVALID' }),
    );
  });
});

describe('feature findings', () => {
  it('use only documented codes, with their documented severity', () => {
    const scoring = new Frame([
      { kind: 'text', name: 'income', values: ['x', ''] },
      { kind: 'text', name: 'risk_pld', values: ['NEW', null] },
    ]);
    const { findings } = transformFeatures(scoring, fitFeaturePipeline(train, spec));
    expect(findings).toHaveLength(3);
    for (const finding of findings) {
      const documented = FEATURE_FINDING_CODES[finding.code as keyof typeof FEATURE_FINDING_CODES];
      expect(documented?.severity).toBe(finding.severity);
    }
  });
});

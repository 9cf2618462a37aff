import { describe, expect, it } from 'vitest';
import { Frame } from '../frame/frame.js';
import { fitFeaturePipeline } from './fit-feature-pipeline.js';

const frame = new Frame([
  { kind: 'numeric', name: 'total_income_dollar_amount', values: Float64Array.of(100, Number.NaN, 300, 50) },
  { kind: 'numeric', name: 'total_outcome_dollar_amount', values: Float64Array.of(90, 10, Number.NaN, 500) },
  {
    kind: 'categorical',
    name: 'risk_pld',
    codes: Int32Array.of(0, 1, 1, -1),
    categories: ['MEDIUM', 'LOW', 'HIGH'],
  },
]);
const spec = {
  numericColumns: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
  categoricalColumns: ['risk_pld'],
};

describe('fitFeaturePipeline', () => {
  it("learns the seen categories, the most frequent one and DictVectorizer's sorted names", () => {
    const state = fitFeaturePipeline(frame, spec);
    expect(state).toEqual({
      version: 1,
      missing: { strategy: 'keep' },
      numeric: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
      // HIGH is a category of the frame but never occurs: it is not a feature.
      categorical: [{ column: 'risk_pld', categories: ['LOW', 'MEDIUM'], impute: 'LOW' }],
      domain: null,
      featureNames: [
        'risk_pld=LOW',
        'risk_pld=MEDIUM',
        'total_income_dollar_amount',
        'total_outcome_dollar_amount',
      ],
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('breaks ties of the most frequent value by sort order, and can leave missing categories alone', () => {
    const tie = new Frame([{ kind: 'text', name: 'c', values: ['b', 'a', 'b', 'a', null] }]);
    expect(
      fitFeaturePipeline(tie, { numericColumns: [], categoricalColumns: ['c'] }).categorical[0]!.impute,
    ).toBe('a');
    expect(
      fitFeaturePipeline(tie, { numericColumns: [], categoricalColumns: ['c'], categoricalImpute: 'none' })
        .categorical[0]!.impute,
    ).toBeNull();
  });

  it('adds the derived features when asked', () => {
    const state = fitFeaturePipeline(frame, {
      ...spec,
      domain: { incomeColumn: 'total_income_dollar_amount', outcomeColumn: 'total_outcome_dollar_amount' },
    });
    expect(state.featureNames).toEqual([
      'log_income',
      'log_outcome',
      'log_outflow_inflow_ratio',
      'net_flow',
      'risk_pld=LOW',
      'risk_pld=MEDIUM',
      'total_income_dollar_amount',
      'total_outcome_dollar_amount',
    ]);
  });

  it('refuses a missing column, a repeated column and a non-finite fill value', () => {
    expect(() => fitFeaturePipeline(frame, { ...spec, categoricalColumns: ['risk'] })).toThrow(
      expect.objectContaining({ code: 'DATA_INVALID', message: expect.stringMatching(/'risk' is missing/) }),
    );
    expect(() =>
      fitFeaturePipeline(frame, { ...spec, categoricalColumns: ['total_income_dollar_amount'] }),
    ).toThrow(/listed more than once/);
    expect(() =>
      fitFeaturePipeline(frame, { ...spec, missing: { strategy: 'fill', value: Number.NaN } }),
    ).toThrow(/finite/);
  });
});

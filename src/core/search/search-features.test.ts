import { describe, expect, it } from 'vitest';
import { Frame } from '../frame/frame.js';
import { frameFeatures } from './frame-features.js';
import { DOMAIN_FEATURES, ORIGINAL_FEATURES } from './search-feature-set.js';
import { searchFeatureSpec } from './search-features.js';

const frame = new Frame([
  { kind: 'numeric', name: 'total_income_dollar_amount', values: Float64Array.of(100, Number.NaN, 50, 10) },
  { kind: 'numeric', name: 'total_outcome_dollar_amount', values: Float64Array.of(100, 20, Number.NaN, 30) },
  { kind: 'categorical', name: 'risk_pld', codes: Int32Array.of(0, 1, -1, 1), categories: ['HIGH', 'LOW'] },
]);

describe('search feature sets', () => {
  it("make the original's features: amounts filled with 0, risk_pld one-hot with its most frequent value imputed", () => {
    expect(searchFeatureSpec(ORIGINAL_FEATURES)).toMatchObject({
      missing: { strategy: 'fill', value: 0 },
      categoricalImpute: 'most_frequent',
    });
    expect(searchFeatureSpec(ORIGINAL_FEATURES).domain).toBeUndefined();
    const matrix = frameFeatures(frame).matrixOf(ORIGINAL_FEATURES);
    const column = (name: string): number[] => [...matrix.columns[matrix.featureNames.indexOf(name)]!];
    expect(column('total_income_dollar_amount')).toEqual([100, 0, 50, 10]);
    expect(column('risk_pld=LOW')).toEqual([0, 1, 1, 1]);
  });

  it('make the domain features with missing amounts kept missing, and fit each set once', () => {
    const features = frameFeatures(frame);
    const matrix = features.matrixOf(DOMAIN_FEATURES);
    expect(features.matrixOf(DOMAIN_FEATURES)).toBe(matrix);
    expect(features.fitted.get('domain')!.state.featureNames).toEqual(matrix.featureNames);
    const ratio = matrix.columns[matrix.featureNames.indexOf('log_outflow_inflow_ratio')]!;
    expect(ratio[0]).toBe(0);
    expect(Number.isNaN(ratio[1])).toBe(true);
    const income = matrix.columns[matrix.featureNames.indexOf('total_income_dollar_amount')]!;
    expect(Number.isNaN(income[1])).toBe(true);
  });
});

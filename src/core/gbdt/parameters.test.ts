import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../test/support/error-of.js';
import { DEFAULT_PARAMS, resolveParams } from './parameters.js';

describe('resolveParams', () => {
  it("fills XGBoost 1.7's defaults", () => {
    const p = resolveParams();
    expect(p).toEqual(DEFAULT_PARAMS);
    expect(p.learning_rate).toBe(0.3);
    expect(p.max_depth).toBe(6);
    expect(p.max_bin).toBe(256);
    expect(p.base_score).toBe(0.5);
    expect(p.eval_metric).toBe('logloss');
  });

  it('defaults the metric of reg:squarederror to rmse', () => {
    expect(resolveParams({ objective: 'reg:squarederror' }).eval_metric).toBe('rmse');
  });

  it.each([
    ['max_depth', 0, 'an integer in [1, 31]'],
    ['max_depth', 2.5, 'an integer in [1, 31]'],
    ['learning_rate', 0, '(0, inf)'],
    ['learning_rate', -0.1, '(0, inf)'],
    ['subsample', 1.5, '(0, 1]'],
    ['subsample', 0, '(0, 1]'],
    ['colsample_bytree', 0, '(0, 1]'],
    ['n_estimators', 0, 'an integer in [1, 1000000]'],
    ['min_child_weight', -1, '[0, inf)'],
    ['reg_lambda', Number.NaN, '[0, inf)'],
    ['reg_alpha', -1, '[0, inf)'],
    ['gamma', Number.POSITIVE_INFINITY, '[0, inf)'],
    ['scale_pos_weight', 0, '(0, inf)'],
    ['max_bin', 1, 'an integer in [2, 65535]'],
    ['base_score', 1, '(0, 1) for binary:logistic'],
    ['early_stopping_rounds', 0, 'an integer in [1, 1000000]'],
    ['grow_policy', 'best-first', 'one of depthwise, lossguide'],
    ['eval_metric', 'error', 'one of auc, logloss, rmse'],
    ['objective', 'multi:softmax', 'one of binary:logistic, reg:squarederror'],
  ])('refuses %s = %s, naming the parameter, the value and the range', (name, value, range) => {
    const error = errorOf(() => resolveParams({ [name]: value }));
    expect(error.code).toBe('MODEL_PARAM_INVALID');
    expect(error.message).toContain(name);
    expect(error.message).toContain(range);
    expect(error.message).toContain(JSON.stringify(value) ?? String(value));
  });

  it('refuses an unknown parameter', () => {
    const error = errorOf(() => resolveParams({ eta: 0.1 } as never));
    expect(error.code).toBe('MODEL_PARAM_INVALID');
    expect(error.message).toContain('eta');
  });

  it('allows max_depth 0 (no limit) only for lossguide with max_leaves', () => {
    expect(resolveParams({ grow_policy: 'lossguide', max_leaves: 8, max_depth: 0 }).max_depth).toBe(0);
    expect(errorOf(() => resolveParams({ grow_policy: 'lossguide', max_depth: 0 })).code).toBe(
      'MODEL_PARAM_INVALID',
    );
  });
});

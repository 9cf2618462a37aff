import { describe, expect, it } from 'vitest';
import { decidePromotion } from './decide-promotion.js';

const base = { policy: 'gated' as const, minTestRocAuc: 0.89, tolerance: 0.005, productionTestRocAuc: null };

describe('decidePromotion', () => {
  it('promotes a first model past the gate', () => {
    expect(decidePromotion({ ...base, testRocAuc: 0.91 })).toEqual({
      promote: true,
      reason: 'test ROC AUC 0.9100 >= 0.8900 and there is no production model',
    });
  });

  it('refuses a model below the alert threshold, saying so', () => {
    const d = decidePromotion({ ...base, testRocAuc: 0.85 });
    expect(d.promote).toBe(false);
    expect(d.reason).toBe('test ROC AUC 0.8500 is below the alert threshold 0.8900');
  });

  it('refuses a model worse than production beyond the tolerance, accepts one within it', () => {
    const worse = decidePromotion({
      ...base,
      testRocAuc: 0.9,
      productionTestRocAuc: 0.91,
      productionVersion: '3',
    });
    expect(worse.promote).toBe(false);
    expect(worse.reason).toContain('production (version 3) scores 0.9100 on the same test split');
    expect(decidePromotion({ ...base, testRocAuc: 0.906, productionTestRocAuc: 0.91 }).promote).toBe(true);
  });

  it("'always' promotes as the original did, and an explicit override wins", () => {
    expect(decidePromotion({ ...base, policy: 'always', testRocAuc: 0.5 }).promote).toBe(true);
    expect(decidePromotion({ ...base, testRocAuc: 0.5, override: true }).promote).toBe(true);
    expect(decidePromotion({ ...base, testRocAuc: 0.99, override: false })).toEqual({
      promote: false,
      reason: 'not promoted on request (--no-promote)',
    });
  });
});

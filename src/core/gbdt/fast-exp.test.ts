import { describe, expect, it } from 'vitest';
import { fastExp } from './fast-exp.js';

describe('fastExp', () => {
  it('matches Math.exp to 1e-8 relative over the range margins take', () => {
    for (let x = -60; x <= 60; x += 0.0137) {
      expect(Math.abs(fastExp(x) / Math.exp(x) - 1)).toBeLessThan(1e-8);
    }
  });

  it('stays finite for extreme arguments', () => {
    expect(Number.isFinite(fastExp(1e6))).toBe(true);
    expect(fastExp(-1e6)).toBeGreaterThanOrEqual(0);
  });
});

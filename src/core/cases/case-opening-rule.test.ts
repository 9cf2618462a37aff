import { describe, expect, it } from 'vitest';
import { conclusionLabel } from './case-conclusion.js';
import { caseOpeningKind } from './case-opening-rule.js';
import { sampleDraw } from './sample-draw.js';

describe('which scored cases open a case', () => {
  it('opens one at or above the threshold, none below without a sample, none for a version without a threshold', () => {
    expect(caseOpeningKind(0.8, 0.8, 'r', 0, 0)).toBe('alert');
    expect(caseOpeningKind(0.79, 0.8, 'r', 0, 0)).toBeNull();
    expect(caseOpeningKind(1, undefined, 'r', 0, 1)).toBeNull();
    expect(caseOpeningKind(0.1, 0.8, 'r', 0, 1)).toBe('sampled');
  });

  it('samples below the threshold by a draw that is the same every time and uniform over request ids and rows', () => {
    expect(sampleDraw('0193a1b2-7d1e-7000-8000-000000000001', 3)).toBe(
      sampleDraw('0193a1b2-7d1e-7000-8000-000000000001', 3),
    );
    const draws = Array.from({ length: 20_000 }, (_, i) =>
      sampleDraw(`0193a1b2-7d1e-7000-8000-${String(i >> 2).padStart(12, '0')}`, i & 3),
    );
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    // Each tenth of [0, 1) holds about a tenth of the draws (binomial sd ≈ 42 of 2000).
    for (let k = 0; k < 10; k++) {
      const inside = draws.filter((d) => d >= k / 10 && d < (k + 1) / 10).length;
      expect(Math.abs(inside - 2000)).toBeLessThan(200);
    }
    const sampled = draws.filter((d) => d < 0.05).length;
    expect(sampled / draws.length).toBeCloseTo(0.05, 2);
  });
});

describe('the label of a conclusion', () => {
  const choices = { negative: 'CLOSED_NO_ROI', positives: ['CLOSED_WITH_ROI', 'REPORTED_TO_AUTHORITY'] };
  it('is 0 for the negative conclusion, 1 for a positive one, and refused for any other, naming the allowed ones', () => {
    expect(conclusionLabel('CLOSED_NO_ROI', choices)).toBe(0);
    expect(conclusionLabel('REPORTED_TO_AUTHORITY', choices)).toBe(1);
    expect(() => conclusionLabel('closed_no_roi', choices)).toThrow(
      expect.objectContaining({
        code: 'CASE_CONCLUSION_UNKNOWN',
        message: expect.stringContaining('CLOSED_NO_ROI, CLOSED_WITH_ROI, REPORTED_TO_AUTHORITY'),
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { type ConcludedInputs, segmentLiveBreakdown } from './segment-live-breakdown.js';

const cases: ConcludedInputs[] = Array.from({ length: 200 }, (_, i) => ({
  score: (i % 50) / 50,
  label: i % 4 === 0 ? 1 : 0,
  inputs: {
    risk_pld: i % 10 === 9 ? null : ['LOW', 'HIGH'][i % 2]!,
    total_outcome_dollar_amount: i * 10,
  },
}));

describe('segmentLiveBreakdown', () => {
  it("cuts an amount where the version's training did, and measures at the threshold given", () => {
    const live = segmentLiveBreakdown(cases, 'total_outcome_dollar_amount', {
      threshold: { value: 0.5, source: 'alert-threshold' },
      training: { kind: 'band', cuts: [500, 1000] },
    });
    expect(live).toMatchObject({ column: 'total_outcome_dollar_amount', bandsFrom: 'training', notes: [] });
    expect(live.breakdown!.cuts).toEqual([500, 1000]);
    expect(live.breakdown!.segments.map((s) => [s.segment, s.count])).toEqual([
      ['< 500', 50],
      ['500 to < 1000', 50],
      ['>= 1000', 100],
    ]);
    // Scores i%50/50 >= 0.5 for i%50 >= 25: half of every band.
    expect(live.breakdown!.segments.map((s) => s.alertRate)).toEqual([0.5, 0.5, 0.5]);
  });

  it('breaks down by value, missing apart, when the training did so or the inputs are text', () => {
    const live = segmentLiveBreakdown(cases, 'risk_pld', { threshold: { value: 0.5, source: 'operating' } });
    expect(live.bandsFrom).toBeNull();
    expect(live.breakdown!.segments.map((s) => [s.segment, s.count, s.positives])).toEqual([
      ['HIGH', 80, 0],
      ['LOW', 100, 50],
      ['(missing)', 20, 0],
    ]);
  });

  it("cuts a number at the concluded cases' quartiles when the evaluation keeps no bands, and says so", () => {
    const live = segmentLiveBreakdown(cases, 'total_outcome_dollar_amount', { threshold: null });
    expect(live.bandsFrom).toBe('concluded-cases');
    expect(live.breakdown!.cuts).toEqual([490, 990, 1490]);
    expect(live.breakdown!.segments.every((s) => s.alerts === null && s.precision === null)).toBe(true);
    expect(live.notes).toEqual([
      expect.stringMatching(/^no threshold: the version has no recorded alert threshold/),
      expect.stringMatching(
        /keeps no bands of 'total_outcome_dollar_amount': cut at the concluded cases' own quartiles/,
      ),
    ]);
  });

  it('names the inputs there are when the column is not one of them', () => {
    const live = segmentLiveBreakdown(cases, 'region', { threshold: { value: 0.5, source: 'operating' } });
    expect(live.breakdown).toBeNull();
    expect(live.notes).toEqual([
      "the concluded cases have no input 'region' (their inputs: risk_pld, total_outcome_dollar_amount)",
    ]);
  });
});

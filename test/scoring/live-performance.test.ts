import { describe, expect, it } from 'vitest';
import { livePerformance } from '../../src/core/evaluate/live-performance.js';

const concluded = (modelVersion: string, score: number, label: 0 | 1) => ({
  modelName: 'aml',
  modelVersion,
  score,
  label,
});

describe('live performance', () => {
  it('measures each version on its concluded cases', () => {
    const [v3, v4] = livePerformance([
      concluded('3', 0.9, 1),
      concluded('4', 0.7, 1),
      concluded('3', 0.2, 0),
      concluded('3', 0.6, 0),
      concluded('3', 0.4, 1),
    ]);
    // Positives 0.9 and 0.4 against negatives 0.2 and 0.6: three of four pairs ordered.
    expect(v3).toMatchObject({ modelVersion: '3', labelled: 4, positives: 2, rocAuc: 0.75 });
    // Ranked 0.9 (1), 0.6 (0), 0.4 (1), 0.2 (0): precision 1 at recall 0.5, 2/3 at recall 1.
    expect(v3!.averagePrecision).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
    expect(v3!.brierScore).toBeCloseTo((0.01 + 0.04 + 0.36 + 0.36) / 4, 12);
    expect(v3!.meanScore).toBeCloseTo(0.525, 12);
    expect(v3!.positiveRate).toBe(0.5);
    // One class concluded so far: ranking measures are undefined, not 0 or 1.
    expect(v4).toMatchObject({
      modelVersion: '4',
      labelled: 1,
      positives: 1,
      rocAuc: null,
      averagePrecision: null,
    });
    expect(v4!.brierScore).toBeCloseTo(0.09, 12);
  });

  it('is empty without concluded cases', () => {
    expect(livePerformance([])).toEqual([]);
  });
});

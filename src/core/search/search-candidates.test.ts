import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.js';
import { DEFAULT_PRESET } from './default-preset.js';
import { ORIGINAL_PRESET } from './original-preset.js';
import { searchCandidates } from './search-candidates.js';
import { searchPreset } from './search-presets.js';
import { trainingRuns } from './training-run.js';

describe('the original preset', () => {
  const candidates = searchCandidates(ORIGINAL_PRESET.space, new Rng(0));

  it("is exactly the original's grid: 16 candidates in scikit-learn's order, 5 folds, XGBoost defaults", () => {
    expect(ORIGINAL_PRESET.folds).toBe(5);
    expect(candidates).toHaveLength(16);
    expect(candidates.map((c) => [c.params.max_depth, c.params.n_estimators])).toEqual(
      [2, 3, 4, 5].flatMap((depth) => [10, 5, 3, 2].map((trees) => [depth, trees])),
    );
    for (const c of candidates) {
      expect(Object.keys(c.params).sort()).toEqual(['max_depth', 'n_estimators']);
      expect(c.featureSet).toBe('original');
    }
    expect(ORIGINAL_PRESET.featureSets[0]).toMatchObject({
      numericMissing: 'zero',
      categoricalMissing: 'most-frequent',
    });
  });

  it('trains each depth once per fold and scores the 10, 5, 3 and 2 first trees', () => {
    const runs = trainingRuns(candidates);
    expect(runs).toHaveLength(4);
    for (const run of runs) {
      expect(run.params.n_estimators).toBe(10);
      expect(run.treeCounts).toEqual([10, 5, 3, 2]);
      expect(run.candidates).toHaveLength(4);
    }
  });
});

describe('the default preset', () => {
  it('tries its baselines first, then distinct seeded draws within the ranges', () => {
    const a = searchCandidates(DEFAULT_PRESET.space, new Rng(7));
    expect(searchCandidates(DEFAULT_PRESET.space, new Rng(7))).toEqual(a);
    const space = DEFAULT_PRESET.space;
    if (space.kind !== 'sampled') throw new Error('expected a sampled space');
    expect(a).toHaveLength(space.first.length + space.count);
    expect(a[0]!.params).toMatchObject(space.first[0]!.params);
    for (const c of a) {
      expect(c.params.early_stopping_rounds).toBeGreaterThan(0);
      expect(c.params.learning_rate).toBeGreaterThanOrEqual(0.08);
      expect(c.params.learning_rate).toBeLessThanOrEqual(0.3);
      expect(Number.isInteger(c.params.max_depth)).toBe(true);
      expect(c.featureSet).toBe('domain');
    }
    expect(new Set(a.map((c) => JSON.stringify(c.params))).size).toBe(a.length);
    // Early-stopped candidates never share a training run.
    expect(trainingRuns(a)).toHaveLength(a.length);
  });
});

describe('searchPreset', () => {
  it('finds presets by name and refuses unknown ones', () => {
    expect(searchPreset('original')).toBe(ORIGINAL_PRESET);
    expect(() => searchPreset('fast')).toThrow(
      /unknown search preset 'fast'; known presets: default, original/,
    );
  });
});

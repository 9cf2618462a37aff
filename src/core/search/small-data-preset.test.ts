import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.js';
import { generateCases } from '../synthetic/index.js';
import { DEFAULT_PRESET } from './default-preset.js';
import { inProcessExecutor } from './in-process-executor.js';
import { ORIGINAL_PRESET } from './original-preset.js';
import { runSearch } from './run-search.js';
import { searchCandidates } from './search-candidates.js';
import type { SearchFeatureSet } from './search-feature-set.js';
import { fitSearchFeatures } from './search-features.js';
import { presetForData, SMALL_DATA_PRESET } from './small-data-preset.js';

const labelsWith = (positives: number, rows: number) =>
  Uint8Array.from({ length: rows }, (_, i) => (i < positives ? 1 : 0));

describe('the default preset on small data', () => {
  it('adapts when a class has fewer than 1000 training rows, says why, and leaves other presets alone', () => {
    expect(presetForData(DEFAULT_PRESET, labelsWith(109, 2100))).toEqual({
      preset: SMALL_DATA_PRESET,
      adaptation: 'small data: 109 positives in 2100 training rows (fewer than 1000 of a class)',
    });
    expect(presetForData(DEFAULT_PRESET, labelsWith(1000, 40_000))).toEqual({ preset: DEFAULT_PRESET });
    expect(presetForData(DEFAULT_PRESET, labelsWith(1500, 1800)).preset).toBe(SMALL_DATA_PRESET);
    expect(presetForData(ORIGINAL_PRESET, labelsWith(109, 2100))).toEqual({ preset: ORIGINAL_PRESET });
  });

  it("searches the original's grid first, then regularised candidates of shallow trees on both feature sets", () => {
    const candidates = searchCandidates(SMALL_DATA_PRESET.space, new Rng(42));
    const original = searchCandidates(ORIGINAL_PRESET.space, new Rng(0));
    expect(candidates.slice(0, original.length)).toEqual(original);
    const regularised = candidates.slice(original.length);
    expect(regularised).toHaveLength(11);
    expect(candidates.map((c) => c.index)).toEqual(candidates.map((_, i) => i));
    for (const c of regularised) {
      expect(c.params.max_depth).toBeLessThanOrEqual(3);
      expect(c.params.learning_rate).toBeLessThanOrEqual(0.1);
      expect(c.params.min_child_weight).toBeGreaterThanOrEqual(2);
      expect(c.params.early_stopping_rounds).toBe(30);
    }
    expect(new Set(regularised.map((c) => c.featureSet))).toEqual(new Set(['domain', 'original']));
  });

  it("compares them all on the same 5 folds, so the choice is at least the original grid's best by CV", async () => {
    const cases = generateCases({ rows: 3000, seed: 4 });
    const matrixOf = (set: SearchFeatureSet) => fitSearchFeatures(cases.frame, set).transform(cases.frame);
    const now = () => performance.now() / 1000;
    const small = await runSearch({
      preset: SMALL_DATA_PRESET,
      labels: cases.label,
      matrixOf,
      seed: 42,
      executor: inProcessExecutor,
      clock: now,
      refit: false,
    });
    const original = await runSearch({
      preset: { ...ORIGINAL_PRESET },
      labels: cases.label,
      matrixOf,
      seed: 42,
      executor: inProcessExecutor,
      clock: now,
      refit: false,
    });
    expect(small.folds).toBe(5);
    expect(small.candidates).toHaveLength(27);
    expect(small.candidates.every((c) => c.status === 'evaluated')).toBe(true);
    // The original's 16 candidates score as in the original's own search: the same folds.
    expect(small.candidates.slice(0, 16).map((c) => c.meanAuc)).toEqual(
      original.candidates.map((c) => c.meanAuc),
    );
    expect(small.best.meanAuc).toBeGreaterThanOrEqual(original.best.meanAuc);
  });
});

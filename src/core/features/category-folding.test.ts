import { describe, expect, it } from 'vitest';
import { Frame } from '../frame/frame.js';
import { categoryFolding, foldCategory } from './category-folding.js';
import { fitFeaturePipeline } from './fit-feature-pipeline.js';
import { parseFeaturePipelineState } from './parse-feature-pipeline-state.js';
import { transformFeatures } from './transform-features.js';

const text = (name: string, values: (string | null)[]) => ({ kind: 'text' as const, name, values });

describe('folding categories (trimmed, lower case)', () => {
  it('folds spaces and case, and leaves out a form two categories share', () => {
    expect(foldCategory('  High ')).toBe('high');
    const folding = categoryFolding(['HIGH', 'LOW', 'Med', 'MED']);
    expect(folding.get('high')).toBe('HIGH');
    expect(folding.get('low')).toBe('LOW');
    expect(folding.has('med')).toBe(false);
  });

  it('at training, makes one category of the spellings, named by the most frequent; a value of spaces is missing', () => {
    const frame = new Frame([
      text('risk', ['HIGH', 'high', ' HIGH', 'HIGH', 'low', 'Low ', 'low', '  ', 'MEDIUM']),
    ]);
    const folded = fitFeaturePipeline(frame, {
      numericColumns: [],
      categoricalColumns: ['risk'],
      foldCategories: true,
    });
    expect(folded.categorical[0]).toEqual({
      column: 'risk',
      categories: ['HIGH', 'MEDIUM', 'low'],
      impute: 'HIGH',
      fold: true,
    });
    expect(folded.featureNames).toEqual(['risk=HIGH', 'risk=MEDIUM', 'risk=low']);
    const result = transformFeatures(frame, folded);
    const column = (name: string) =>
      Array.from(result.matrix.columns[result.matrix.featureNames.indexOf(name)]!);
    expect(column('risk=HIGH')).toEqual([1, 1, 1, 1, 0, 0, 0, 1, 0]); // the spaces imputed as HIGH
    expect(column('risk=low')).toEqual([0, 0, 0, 0, 1, 1, 1, 0, 0]);
    const foldedFinding = result.findings.find((f) => f.code === 'FOLDED_CATEGORY');
    expect(foldedFinding?.value).toBe(3);
    expect(foldedFinding?.message).toBe(
      '3 values of risk matched a category once trimmed and case-folded: " HIGH" as "HIGH" x1, "Low " as "low" x1, "high" as "HIGH" x1',
    );
    expect(result.findings.find((f) => f.code === 'MISSING_CATEGORY')?.value).toBe(1);

    // Without folding, every spelling is a category of its own, as before.
    const apart = fitFeaturePipeline(frame, { numericColumns: [], categoricalColumns: ['risk'] });
    expect(apart.categorical[0]!.categories).toEqual([
      '  ',
      ' HIGH',
      'HIGH',
      'Low ',
      'MEDIUM',
      'high',
      'low',
    ]);
    expect(apart.categorical[0]).not.toHaveProperty('fold');
  });

  it('reads the fold flag back from a model file, and refuses a state whose categories would fold together', () => {
    const frame = new Frame([text('risk', ['HIGH', 'low'])]);
    const state = fitFeaturePipeline(frame, {
      numericColumns: [],
      categoricalColumns: ['risk'],
      foldCategories: true,
    });
    expect(parseFeaturePipelineState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    const clash = JSON.parse(JSON.stringify(state));
    clash.categorical[0].categories = ['HIGH', 'high'];
    clash.featureNames = ['risk=HIGH', 'risk=high'];
    expect(() => parseFeaturePipelineState(clash)).toThrow('has two categories that fold to "high"');
    const bad = JSON.parse(JSON.stringify(state));
    bad.categorical[0].fold = 'yes';
    expect(() => parseFeaturePipelineState(bad)).toThrow(
      'features.categorical[0].fold must be true when present',
    );
  });
});

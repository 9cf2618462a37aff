import { describe, expect, it } from 'vitest';
import { bundleFromFiles } from '../../src/core/model/bundle-from-files.js';
import { BUNDLE_PATHS } from '../../src/core/model/bundle-paths.js';
import { bundleToFiles } from '../../src/core/model/bundle-to-files.js';
import { createModelScorer } from '../../src/core/scoring/model-scorer.js';
import { parsePredictBody } from '../../src/core/scoring/parse-predict-body.js';
import { validateScoringInput } from '../../src/core/scoring/validate-scoring-input.js';
import { expectCode } from './expect-amlops-error.js';
import { EXAMPLE_BODY, trainTestBundle } from './scoring-test-kit.js';

const bundle = trainTestBundle();

function score(b: typeof bundle): number {
  const scorer = createModelScorer(b);
  const input = validateScoringInput(parsePredictBody(EXAMPLE_BODY).input, scorer.contract, 10);
  const out = new Float64Array(1);
  scorer.score(input, out);
  return out[0]!;
}

function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);
}

describe('model bundle files', () => {
  it('writes the four files and reads back a bundle that scores the same', () => {
    const files = bundleToFiles(bundle);
    expect(Object.keys(files).sort()).toEqual(
      [BUNDLE_PATHS.features, BUNDLE_PATHS.inputSchema, BUNDLE_PATHS.manifest, BUNDLE_PATHS.model].sort(),
    );
    expect(JSON.parse(files[BUNDLE_PATHS.manifest]!).format).toBe('amlops-model/1');
    const again = bundleFromFiles((p) => files[p]);
    expect(again.inputSchema).toEqual(bundle.inputSchema);
    expect(again.features).toEqual(bundle.features);
    expect(again.booster.featureNames).toEqual(bundle.booster.featureNames);
    expect(score(again)).toBe(score(bundle));
    // The file is stable from the first reload on (training parameters are not kept in XGBoost's format).
    const twice = bundleToFiles(again);
    expect(sameFiles(twice, bundleToFiles(bundleFromFiles((p) => twice[p])))).toBe(true);
    expect(twice[BUNDLE_PATHS.features] === files[BUNDLE_PATHS.features]).toBe(true);
  });

  it('refuses a missing file, another format, bad JSON and parts that disagree', () => {
    const files = bundleToFiles(bundle);
    const without = (path: string) => (p: string) => (p === path ? undefined : files[p]);
    expectCode(
      () => bundleFromFiles(without(BUNDLE_PATHS.model)),
      'MODEL_FILE_INVALID',
      /no file model\/model.json/,
    );
    const edit = (path: string, text: string) => (p: string) => (p === path ? text : files[p]);
    expectCode(
      () => bundleFromFiles(edit(BUNDLE_PATHS.manifest, '{"format":"amlops-model/9"}')),
      'MODEL_FILE_INVALID',
      /format "amlops-model\/9"/,
    );
    expectCode(
      () => bundleFromFiles(edit(BUNDLE_PATHS.features, '{')),
      'MODEL_FILE_INVALID',
      /not valid JSON/,
    );
    expectCode(
      () =>
        bundleFromFiles(
          edit(
            BUNDLE_PATHS.inputSchema,
            JSON.stringify({ numeric: ['total_income_dollar_amount'], categorical: ['risk_pld'] }),
          ),
        ),
      'MODEL_FILE_INVALID',
      /numeric columns/,
    );
    expectCode(
      () =>
        bundleFromFiles(
          edit(BUNDLE_PATHS.inputSchema, JSON.stringify({ numeric: [], categorical: [], x: 1 })),
        ),
      'MODEL_FILE_INVALID',
      /inputSchema.x is not a known key/,
    );
    const otherTrees = bundleToFiles({
      ...bundle,
      booster: { ...bundle.booster, featureNames: ['a', 'b', 'c', 'd', 'e'] },
    });
    expectCode(
      () => bundleFromFiles(edit(BUNDLE_PATHS.model, otherTrees[BUNDLE_PATHS.model]!)),
      'MODEL_FILE_INVALID',
      /trees' features/,
    );
  });
});

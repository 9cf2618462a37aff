import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureImportance, type ImportanceType } from '../../src/core/gbdt/feature-importance.js';
import type { FeatureMatrix } from '../../src/core/gbdt/feature-matrix.js';
import { packEnsemble } from '../../src/core/gbdt/predictor/packed-ensemble.js';
import { predictBatchMargin, predictBatchProbability } from '../../src/core/gbdt/predictor/predict-batch.js';
import { predictRowMargin, predictRowProbability } from '../../src/core/gbdt/predictor/predict-row.js';
import { createTreeShapExplainer, explainBatch, explainRow } from '../../src/core/gbdt/tree-shap.js';
import { loadXgboostJson } from '../../src/core/gbdt/xgboost-json/load-xgboost-json.js';
import { expectClose } from './expect-close.js';

interface Expected {
  bestIteration: number | null;
  featureNames: string[];
  rows: (number | null)[][];
  margin: number[];
  probability: number[];
  marginAllTrees: number[];
  contributions: number[][];
  importance: Record<ImportanceType, Record<string, number>>;
}

const dir = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
const names = readdirSync(dir)
  .filter((file) => file.endsWith('.model.json'))
  .map((file) => file.replace('.model.json', ''));

function fixture(name: string): {
  text: string;
  expected: Expected;
  rows: Float32Array[];
  matrix: FeatureMatrix;
} {
  const text = readFileSync(join(dir, `${name}.model.json`), 'utf8');
  const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected;
  const rows = expected.rows.map((row) => Float32Array.from(row, (v) => (v === null ? Number.NaN : v)));
  const columns = expected.featureNames.map((_, f) => Float32Array.from(rows, (row) => row[f]!));
  return {
    text,
    expected,
    rows,
    matrix: { rowCount: rows.length, featureNames: expected.featureNames, columns },
  };
}

describe('models trained by XGBoost 1.7 (test/fixtures/xgboost)', () => {
  it('has fixtures to compare against', () => {
    expect(names.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(names)('%s', (name) => {
    const { text, expected, rows, matrix } = fixture(name);
    const booster = loadXgboostJson(text);
    const packed = packEnsemble(booster);

    it('loads with its feature names and best iteration', () => {
      expect(booster.featureNames).toEqual(expected.featureNames);
      expect(booster.bestIteration ?? null).toBe(expected.bestIteration);
    });

    it('scores each row as XGBoost does: margins and probabilities', () => {
      expectClose(
        rows.map((row) => predictRowMargin(packed, row)),
        expected.margin,
      );
      expectClose(
        rows.map((row) => predictRowProbability(packed, row)),
        expected.probability,
      );
    });

    it('scores a batch as XGBoost does, into Float64Array and Float32Array', () => {
      const margins = new Float64Array(matrix.rowCount);
      predictBatchMargin(packed, matrix, margins);
      expectClose(Array.from(margins), expected.margin);
      const probabilities = new Float32Array(matrix.rowCount);
      predictBatchProbability(packed, matrix, probabilities);
      expectClose(Array.from(probabilities), expected.probability);
    });

    it('scores with every tree when asked (iteration_range beyond best_iteration)', () => {
      const all = packEnsemble(booster, { treeLimit: booster.trees.length });
      expectClose(
        rows.map((row) => predictRowMargin(all, row)),
        expected.marginAllTrees,
      );
    });

    it("gives XGBoost's pred_contribs, summing to the margin", () => {
      const explainer = createTreeShapExplainer(booster);
      const width = booster.featureNames.length + 1;
      const phi = new Float64Array(width);
      rows.forEach((row, r) => {
        explainRow(explainer, row, phi);
        expectClose(Array.from(phi), expected.contributions[r]!);
        const total = phi.reduce((sum, v) => sum + v, 0);
        expect(Math.abs(total - expected.margin[r]!)).toBeLessThan(
          1e-4 * Math.max(1, Math.abs(expected.margin[r]!)),
        );
      });
      const batch = new Float32Array(matrix.rowCount * width);
      explainBatch(explainer, matrix, batch);
      expectClose(Array.from(batch), expected.contributions.flat());
    });

    it.each(['weight', 'gain', 'cover', 'total_gain', 'total_cover'] as const)(
      'gives get_score(importance_type=%s)',
      (type) => {
        const actual = featureImportance(booster, type);
        expect(Object.keys(actual).sort()).toEqual(Object.keys(expected.importance[type]).sort());
        for (const [feature, score] of Object.entries(expected.importance[type])) {
          expectClose([actual[feature]!], [score]);
        }
      },
    );
  });
});

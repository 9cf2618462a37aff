import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Booster } from '../../src/core/gbdt/booster.js';
import type { FeatureMatrix } from '../../src/core/gbdt/feature-matrix.js';
import { packEnsemble } from '../../src/core/gbdt/predictor/packed-ensemble.js';
import { predictBatchMargin, predictBatchProbability } from '../../src/core/gbdt/predictor/predict-batch.js';
import { createTreeShapExplainer, explainBatch } from '../../src/core/gbdt/tree-shap.js';
import { loadXgboostJson } from '../../src/core/gbdt/xgboost-json/load-xgboost-json.js';
import { saveXgboostJson } from '../../src/core/gbdt/xgboost-json/save-xgboost-json.js';
import { expectClose } from './expect-close.js';
import { makeRandomBooster, makeRandomMatrix } from './make-random-booster.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'xgboost-score.py');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
const work = mkdtempSync(join(tmpdir(), 'amlops-xgb-save-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface XgbResult {
  margin: number[];
  probability: number[];
  contributions: number[][];
  bestIteration: string | null;
}

/** Rows for scoring: random values with missing ones, plus rows sitting exactly on split thresholds. */
function rowsFor(booster: Booster, seed: number): FeatureMatrix {
  const featureCount = booster.featureNames.length;
  const matrix = makeRandomMatrix(seed, 120, featureCount, 0.15);
  const tree = booster.trees[0]!;
  let r = 0;
  for (let node = 0; node < tree.left.length && r < 40; node++) {
    if (tree.left[node] === -1) continue;
    matrix.columns[tree.splitFeature[node]!]![r++] = tree.splitCondition[node]!;
  }
  return { ...matrix, featureNames: booster.featureNames };
}

function scoreWithXgboost(models: { path: string; matrix: FeatureMatrix; treeLimit: number }[]): XgbResult[] {
  const request = {
    models: models.map(({ path, matrix, treeLimit }) => ({
      path,
      treeLimit,
      rows: Array.from({ length: matrix.rowCount }, (_, r) =>
        matrix.columns.map((c) => (Number.isNaN(c[r]!) ? null : c[r]!)),
      ),
    })),
  };
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 120_000,
  });
  expect(run.status, `${PYTHON} ${SCRIPT} failed:\n${run.stderr}`).toBe(0);
  return (JSON.parse(run.stdout) as { results: XgbResult[] }).results;
}

async function trainerBooster(): Promise<Booster> {
  const { trainBooster } = await import('../../src/core/gbdt/train-booster.js');
  const matrix = makeRandomMatrix(5, 3000, 4, 0.1);
  const labels = Float32Array.from({ length: 3000 }, (_, r) => {
    const x = matrix.columns[0]![r]!;
    const z = matrix.columns[1]![r]!;
    return (Number.isNaN(x) ? 0.5 : x) + 0.5 * (Number.isNaN(z) ? 0 : z) > 0.3 ? 1 : 0;
  });
  return trainBooster(matrix, labels, { n_estimators: 15, max_depth: 4, learning_rate: 0.3, seed: 1 })
    .booster;
}

describe('boosters saved by amlops load in real XGBoost 1.7 and score the same', () => {
  it(`${PYTHON} can import xgboost`, () => {
    const probe = spawnSync(PYTHON, ['-c', 'import xgboost; print(xgboost.__version__)'], {
      encoding: 'utf8',
    });
    expect(
      probe.status,
      `${PYTHON} cannot import xgboost; install Debian's package: apt-get install -y python3-xgboost\n${probe.stderr ?? ''}`,
    ).toBe(0);
  });

  it('hand-built, loaded-then-saved and trainer-made boosters: margins, probabilities, contributions', async () => {
    const boosters: [string, Booster][] = [
      [
        'hand-built, ids not breadth-first',
        makeRandomBooster({
          seed: 3,
          trees: 20,
          depth: 5,
          features: 6,
          baseScore: 0.3,
          shuffleIds: true,
          bestIteration: 14,
        }),
      ],
      [
        'hand-built, deep and unbalanced',
        makeRandomBooster({ seed: 4, trees: 8, depth: 9, features: 3, baseScore: 0.9 }),
      ],
      [
        'hand-built, reg:squarederror',
        {
          ...makeRandomBooster({ seed: 6, trees: 10, depth: 4, features: 4 }),
          objective: 'reg:squarederror',
          baseScore: 12.5,
        },
      ],
      ['trainer-made', await trainerBooster()],
      ...readdirSync(FIXTURES)
        .filter((file) => file.endsWith('.model.json'))
        .map((file): [string, Booster] => [
          `XGBoost's ${file}, loaded and saved`,
          loadXgboostJson(readFileSync(join(FIXTURES, file), 'utf8')),
        ]),
    ];
    const models = boosters.map(([name, booster], i) => {
      const path = join(work, `model-${i}.json`);
      writeFileSync(path, saveXgboostJson(booster));
      const packed = packEnsemble(booster);
      return { name, booster, path, matrix: rowsFor(booster, 100 + i), treeLimit: packed.treeCount };
    });
    const results = scoreWithXgboost(models);
    models.forEach(({ name, booster, matrix }, i) => {
      const xgb = results[i]!;
      const packed = packEnsemble(booster);
      const margin = new Float64Array(matrix.rowCount);
      predictBatchMargin(packed, matrix, margin);
      const probability = new Float64Array(matrix.rowCount);
      predictBatchProbability(packed, matrix, probability);
      const phi = new Float64Array(matrix.rowCount * (booster.featureNames.length + 1));
      explainBatch(createTreeShapExplainer(booster), matrix, phi);
      expect(xgb.bestIteration ?? undefined, name).toBe(booster.bestIteration?.toString());
      expectClose(margin, xgb.margin);
      expectClose(probability, xgb.probability);
      expectClose(phi, xgb.contributions.flat());
    });
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packEnsemble } from '../../src/core/gbdt/predictor/packed-ensemble.js';
import { predictBatchProbability } from '../../src/core/gbdt/predictor/predict-batch.js';
import { loadXgboostJson } from '../../src/core/gbdt/xgboost-json/load-xgboost-json.js';
import { parsePredictBody } from '../../src/core/scoring/parse-predict-body.js';
import { validateScoringInput } from '../../src/core/scoring/validate-scoring-input.js';
import type { ArtifactStore } from '../../src/ports/artifact-store.js';
import { artifactsAt } from '../../src/services/artifacts-at.js';
import { exportModel } from '../../src/services/export-model.js';
import { importXgboostModel } from '../../src/services/import-xgboost-model.js';
import { loadModelVersion } from '../../src/services/load-model-version.js';
import { promoteModelVersion } from '../../src/services/promote-model-version.js';
import { openTestPlatform, type TestPlatform } from './platform-test-kit.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
const NAME = 'imported-model';

interface Expected {
  featureNames: string[];
  rows: (number | null)[][];
  probability: number[];
}

function fixture(name: string): { text: string; expected: Expected } {
  return {
    text: readFileSync(join(FIXTURES, `${name}.model.json`), 'utf8'),
    expected: JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected,
  };
}

function probabilities(text: string, rows: readonly (number | null)[][]): Float64Array {
  const booster = loadXgboostJson(text);
  const columns = booster.featureNames.map((_, f) => Float32Array.from(rows, (row) => row[f] ?? Number.NaN));
  const out = new Float64Array(rows.length);
  predictBatchProbability(
    packEnsemble(booster),
    { rowCount: rows.length, featureNames: booster.featureNames, columns },
    out,
  );
  return out;
}

let t: TestPlatform;
const work = mkdtempSync(join(tmpdir(), 'amlops-export-'));
const original = fixture('original-shape');

beforeAll(async () => {
  t = await openTestPlatform();
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('importing a model trained by XGBoost', () => {
  it('registers a READY version with its feature names, one-hot columns as a categorical input', async () => {
    const version = await importXgboostModel(t, {
      name: NAME,
      text: original.text,
      fileName: 'original-shape.model.json',
      by: 'alice',
    });
    expect(version).toMatchObject({ name: NAME, version: '1', status: 'READY', runId: '', userId: 'alice' });
    expect(Object.fromEntries(version.tags.map((tag) => [tag.key, tag.value]))).toMatchObject({
      'amlops.source': 'xgboost-json',
      'amlops.imported_from': 'original-shape.model.json',
      'amlops.imported_by': 'alice',
    });
    const files = artifactsAt(t.artifacts, version.source);
    const schema = JSON.parse(new TextDecoder().decode(await files.get('model/input-schema.json')));
    expect(schema).toEqual({
      numeric: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
      categorical: ['risk_pld'],
    });
    const features = JSON.parse(new TextDecoder().decode(await files.get('model/features.json')));
    expect(features.categorical).toEqual([
      { column: 'risk_pld', categories: ['HIGH', 'LOW', 'MEDIUM'], impute: null },
    ]);
  });

  it('scores cases through the registered bundle as XGBoost did', async () => {
    const version = await t.registry.getModelVersion(NAME, '1');
    const loaded = await loadModelVersion(
      { registry: t.registry, openArtifacts: (uri) => artifactsAt(t.artifacts, uri) },
      version,
    );
    // Rows whose one-hot columns name exactly one risk level are cases the original could have sent.
    const levels = ['HIGH', 'LOW', 'MEDIUM'];
    const picked = original.expected.rows
      .map((row, i) => ({ row, i }))
      .filter(
        ({ row }) =>
          row.slice(2).filter((v) => v === 1).length === 1 && row.slice(2).every((v) => v === 0 || v === 1),
      );
    expect(picked.length).toBeGreaterThan(50);
    const body = {
      total_outcome_dollar_amount: picked.map(({ row }) => row[0]),
      total_income_dollar_amount: picked.map(({ row }) => row[1]),
      risk_pld: picked.map(({ row }) => levels[row.slice(2).indexOf(1)]),
    };
    const input = validateScoringInput(parsePredictBody(body).input, loaded.scorer.contract, 10_000);
    const scores = new Float64Array(input.rowCount);
    loaded.scorer.score(input, scores);
    picked.forEach(({ i }, k) => {
      expect(scores[k]).toBeCloseTo(original.expected.probability[i]!, 6);
    });
  });

  it('refuses what cannot be imported faithfully', async () => {
    const regression = original.text.replace('"binary:logistic"', '"reg:squarederror"');
    await expect(
      importXgboostModel(t, { name: NAME, text: regression, fileName: 'r.json', by: 'a' }),
    ).rejects.toMatchObject({
      code: 'MODEL_UNSUPPORTED',
    });
    await expect(
      importXgboostModel(t, { name: NAME, text: '{"learner":', fileName: 'x.json', by: 'a' }),
    ).rejects.toMatchObject({
      code: 'MODEL_FILE_INVALID',
    });
    const clash = ['x', 'x=1', 'y', 'z', 'w'];
    await expect(
      importXgboostModel(t, {
        name: NAME,
        text: original.text,
        fileName: 'o.json',
        by: 'a',
        featureNames: clash,
      }),
    ).rejects.toMatchObject({ code: 'MODEL_FILE_INVALID' });
    expect((await t.registry.searchModelVersions({})).items.map((v) => v.version)).toEqual(['1']);
  });
  it('takes feature names given for a file without usable ones', async () => {
    const deep = fixture('deep-missing');
    const names = ['amount_a', 'amount_b', 'channel=app', 'channel=web', 'amount_c', 'amount_d'];
    const version = await importXgboostModel(t, {
      name: 'renamed',
      text: deep.text,
      fileName: 'd.json',
      by: 'a',
      featureNames: names,
    });
    const schema = JSON.parse(
      new TextDecoder().decode(await artifactsAt(t.artifacts, version.source).get('model/input-schema.json')),
    );
    expect(schema).toEqual({
      numeric: ['amount_a', 'amount_b', 'amount_c', 'amount_d'],
      categorical: ['channel'],
    });
    const exported = await exportModel(t, 'renamed/1', 'xgboost-json');
    expect(exported.featureNames).toEqual(names);
    const after = probabilities(exported.text, deep.expected.rows);
    expect(Array.from(after)).toEqual(Array.from(probabilities(deep.text, deep.expected.rows)));
  });

  it('leaves a FAILED_REGISTRATION version, never a READY one, when the files cannot be written', async () => {
    const failing: ArtifactStore = {
      ...t.artifacts,
      rootUri: t.artifacts.rootUri,
      put: async () => {
        throw new Error('disk full');
      },
      child: () => failing,
    };
    await expect(
      importXgboostModel(
        { ...t, artifacts: failing },
        { name: 'broken', text: original.text, fileName: 'o.json', by: 'a' },
      ),
    ).rejects.toThrow('disk full');
    const [version] = (
      await t.registry.searchModelVersions({
        filter: { terms: [{ entity: 'attribute', key: 'name', op: '=', value: 'broken' }] },
      })
    ).items;
    expect(version).toMatchObject({ status: 'FAILED_REGISTRATION', statusMessage: 'disk full' });
  });
});

describe('exporting a version in XGBoost JSON', () => {
  it('exports an imported model in its original feature order, scoring identically', async () => {
    await promoteModelVersion(t.registry, { name: NAME, version: '1', by: 'alice', reason: 'imported' });
    const exported = await exportModel(t, `${NAME}@production`, 'xgboost-json');
    expect(exported.version.version).toBe('1');
    expect(exported.featureNames).toEqual(original.expected.featureNames);
    const before = probabilities(original.text, original.expected.rows);
    const after = probabilities(exported.text, original.expected.rows);
    expect(Array.from(after)).toEqual(Array.from(before));
    after.forEach((p, i) => {
      expect(p).toBeCloseTo(original.expected.probability[i]!, 6);
    });
  });

  it('exports by version number, and scores the same in real XGBoost', async () => {
    const deep = fixture('deep-missing');
    await importXgboostModel(t, { name: 'deep', text: deep.text, fileName: 'deep.json', by: 'a' });
    const exported = await exportModel(t, 'deep/1', 'xgboost-json');
    const after = probabilities(exported.text, deep.expected.rows);
    after.forEach((p, i) => {
      expect(p).toBeCloseTo(deep.expected.probability[i]!, 6);
    });
    const python = spawnSync('/usr/bin/python3', ['-c', 'import xgboost'], { encoding: 'utf8' });
    // npm test installs it; a missing XGBoost fails the check rather than skip it.
    expect(python.status, "install Debian's package: apt-get install -y python3-xgboost").toBe(0);
    const path = join(work, 'deep.json');
    writeFileSync(path, exported.text);
    const run = spawnSync('/usr/bin/python3', [join(import.meta.dirname, '..', 'gbdt', 'xgboost-score.py')], {
      input: JSON.stringify({ models: [{ path, rows: deep.expected.rows, treeLimit: null }] }),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(run.status, run.stderr).toBe(0);
    const xgb = JSON.parse(run.stdout).results[0].probability as number[];
    xgb.forEach((p, i) => {
      expect(p).toBeCloseTo(deep.expected.probability[i]!, 6);
    });
  });

  it('refuses unknown formats and references', async () => {
    await expect(exportModel(t, `${NAME}/1`, 'onnx')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(exportModel(t, `${NAME}@nope`, 'xgboost-json')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(exportModel(t, `${NAME}/0`, 'xgboost-json')).rejects.toMatchObject({
      code: 'SCORING_MODEL_REF_INVALID',
    });
  });
});

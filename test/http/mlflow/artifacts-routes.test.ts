import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowTestApp, makeMlflowTestApp, putServableModel } from './mlflow-test-app.js';

let t: MlflowTestApp;
let runId: string;
let artifactUri: string;

beforeAll(async () => {
  t = await makeMlflowTestApp();
  const experimentId = (await t.post('experiments/create', { name: 'artifacts' })).json().experiment_id;
  const info = (await t.post('runs/create', { experiment_id: experimentId })).json().run.info;
  runId = info.run_id;
  artifactUri = info.artifact_uri;
  const files = t.artifacts.child(`${experimentId}/${runId}/artifacts`);
  await files.put('model/MLmodel', 'flavors: {}\n');
  await files.put('model/model.json', '{"learner": {}}');
  await files.put('report.html', '<script>alert(1)</script>');
  await files.put('notes.txt', 'hello');
  await putServableModel(files.child('model'));
  await t.post('registered-models/create', { name: 'downloadable' });
  const created = await t.post('model-versions/create', {
    name: 'downloadable',
    source: `runs:/${runId}/model`,
    run_id: runId,
  });
  expect(created.statusCode, created.body).toBe(200);
});
afterAll(() => t.close());

describe('artifacts/list', () => {
  it('lists the root and a directory of the run, paths relative to the run root', async () => {
    const root = await t.get('artifacts/list', { run_id: runId });
    expect(root.statusCode).toBe(200);
    expect(root.json()).toEqual({
      root_uri: artifactUri,
      files: [
        { path: 'model', is_dir: true },
        { path: 'notes.txt', is_dir: false, file_size: 5 },
        { path: 'report.html', is_dir: false, file_size: 25 },
      ],
    });
    const model = await t.get('artifacts/list', { run_uuid: runId, path: 'model' });
    expect(model.json().files.map((f: { path: string }) => f.path)).toEqual([
      'model/MLmodel',
      'model/model',
      'model/model.json',
    ]);
    const empty = await t.get('artifacts/list', { run_id: runId, path: 'nothing/here' });
    expect(empty.json()).toEqual({ root_uri: artifactUri });
  });

  it('answers 404 for an unknown run', async () => {
    const res = await t.get('artifacts/list', { run_id: 'c'.repeat(32) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  });
});

describe('artifact download', () => {
  it('sends a run file as an attachment that browsers will not sniff or render', async () => {
    const res = await t.inject({ method: 'GET', url: `/get-artifact?run_uuid=${runId}&path=model/MLmodel` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('flavors: {}\n');
    expect(res.headers['content-disposition']).toContain('attachment; filename="MLmodel"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const html = await t.inject({ method: 'GET', url: `/get-artifact?run_id=${runId}&path=report.html` });
    expect(html.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('sends a model version file', async () => {
    const res = await t.inject({
      method: 'GET',
      url: '/model-versions/get-artifact?name=downloadable&version=1&path=model.json',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe('{"learner": {}}');
  });

  it('answers MLflow errors for missing files, runs, versions and parameters', async () => {
    const cases: [string, number, string][] = [
      [`/get-artifact?run_id=${runId}&path=absent.txt`, 404, 'RESOURCE_DOES_NOT_EXIST'],
      [`/get-artifact?run_id=${runId}&path=model`, 404, 'RESOURCE_DOES_NOT_EXIST'],
      [`/get-artifact?run_id=${'d'.repeat(32)}&path=notes.txt`, 404, 'RESOURCE_DOES_NOT_EXIST'],
      [`/get-artifact?run_id=${runId}`, 400, 'INVALID_PARAMETER_VALUE'],
      ['/get-artifact?path=notes.txt', 400, 'INVALID_PARAMETER_VALUE'],
      [
        '/model-versions/get-artifact?name=downloadable&version=9&path=model.json',
        404,
        'RESOURCE_DOES_NOT_EXIST',
      ],
      ['/model-versions/get-artifact?name=downloadable&version=1', 400, 'INVALID_PARAMETER_VALUE'],
    ];
    for (const [url, status, code] of cases) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      expect(res.json(), url).toEqual({ error_code: code, message: expect.any(String) });
    }
  });
});

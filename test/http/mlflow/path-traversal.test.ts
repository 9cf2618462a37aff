import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAVERSAL_LOCATIONS, TRAVERSAL_PATHS } from '../../contracts/path-traversal-corpus.js';
import { type MlflowTestApp, makeMlflowTestApp } from './mlflow-test-app.js';

let t: MlflowTestApp;
let runId: string;
let artifactUri: string;

beforeAll(async () => {
  t = await makeMlflowTestApp();
  const experimentId = (await t.post('experiments/create', { name: 'traversal' })).json().experiment_id;
  const info = (await t.post('runs/create', { experiment_id: experimentId })).json().run.info;
  runId = info.run_id;
  artifactUri = info.artifact_uri;
  await t.artifacts.child(`${experimentId}/${runId}/artifacts`).put('model/model.json', '{}');
  await t.artifacts.put('secret.txt', 'outside the run');
  await t.post('registered-models/create', { name: 'target' });
  await t.post('model-versions/create', { name: 'target', source: `runs:/${runId}/model`, run_id: runId });
});
afterAll(() => t.close());

/**
 * The attacks of MLflow's path-traversal CVEs, each as the value the server sees once the URL or
 * the JSON is decoded. `%2e%2e%2f` arrives percent-encoded once (and `%252e…` twice): the server
 * must not decode its way out of the root either.
 */
const ARTIFACT_PATHS: readonly [string, string][] = [
  ['dot-dot slash', '../secret.txt'],
  ['dot-dot slash deep', 'model/../../../../secret.txt'],
  ['dot-dot backslash', '..\\..\\secret.txt'],
  ['dot-dot backslash mixed', 'model\\..\\..\\secret.txt'],
  ['url-encoded', '%2e%2e%2fsecret.txt'],
  ['url-encoded upper case', '%2E%2E%2F%2E%2E%2Fsecret.txt'],
  ['url-encoded backslash', '%2e%2e%5csecret.txt'],
  ['double-encoded', '%252e%252e%252fsecret.txt'],
  ['triple-encoded', '%25252e%25252e%25252fsecret.txt'],
  ['absolute path', '/etc/passwd'],
  ['absolute windows path', 'C:\\Windows\\win.ini'],
  ['absolute file uri', 'file:///etc/passwd'],
  ['semicolon path parameter', 'model;/../../secret.txt'],
  ['semicolon dot-dot', '..;/..;/secret.txt'],
  ['nul byte', 'model.json\u0000.txt'],
];

/** Artifact locations and model sources that would reach outside the artifact root. */
const LOCATIONS: readonly [string, (root: string) => string][] = [
  ['file uri outside the root', () => 'file:///etc'],
  ['file uri of a sibling directory', (root) => `${root.replace(/\/artifacts$/, '')}/other`],
  ['file uri climbing out', (root) => `${root}/../../../etc`],
  ['plain absolute path outside', () => '/tmp'],
  ['http with an empty host and a fragment', () => 'http:///#/../../../../../../tmp'],
  ['http fragment traversal', () => 'http://localhost/#/../../etc'],
  ['query string', (root) => `${root}/x?/../../etc`],
  ['encoded traversal in a uri', (root) => `${root}/%2e%2e/%2e%2e/%2e%2e`],
  ['double-encoded traversal in a uri', (root) => `${root}/%252e%252e%252f%252e%252e`],
  ['semicolon in a uri', (root) => `${root}/x;/../../etc`],
  ['backslash traversal in a uri', (root) => `${root}\\..\\..\\etc`],
  ['relative path', () => 'mlruns/1'],
];

type Attack = [endpoint: string, inject: () => ReturnType<MlflowTestApp['inject']>];

function attacks(): Attack[] {
  const q = encodeURIComponent;
  const list: Attack[] = [];
  const paths: [string, string][] = [
    ...ARTIFACT_PATHS,
    ...TRAVERSAL_PATHS.map((path): [string, string] => [`store corpus ${JSON.stringify(path)}`, path]),
  ];
  const locations: [string, (root: string) => string][] = [
    ...LOCATIONS,
    ...TRAVERSAL_LOCATIONS.map((location): [string, () => string] => [
      `store corpus ${JSON.stringify(location)}`,
      () => location,
    ]),
  ];
  for (const [name, path] of paths) {
    list.push([`artifacts/list path: ${name}`, () => t.get('artifacts/list', { run_id: runId, path })]);
    list.push([
      `get-artifact path: ${name}`,
      () => t.inject({ method: 'GET', url: `/get-artifact?run_uuid=${runId}&path=${q(path)}` }),
    ]);
    list.push([
      `model-versions/get-artifact path: ${name}`,
      () =>
        t.inject({
          method: 'GET',
          url: `/model-versions/get-artifact?name=target&version=1&path=${q(path)}`,
        }),
    ]);
    list.push([
      `model-versions/create runs:/ source: ${name}`,
      () =>
        t.post('model-versions/create', { name: 'target', source: `runs:/${runId}/${path}`, run_id: runId }),
    ]);
  }
  for (const [name, location] of locations) {
    list.push([
      `experiments/create artifact_location: ${name}`,
      () =>
        t.post('experiments/create', {
          name: `attack ${name}`,
          artifact_location: location(t.artifacts.rootUri),
        }),
    ]);
    list.push([
      `model-versions/create source: ${name}`,
      () => t.post('model-versions/create', { name: 'target', source: location(artifactUri), run_id: runId }),
    ]);
  }
  // The raw URL itself, not only its decoded parameters.
  list.push([
    'get-artifact with a raw encoded path',
    () => t.inject({ method: 'GET', url: `/get-artifact?run_uuid=${runId}&path=..%2f..%2fsecret.txt` }),
  ]);
  list.push([
    'get-artifact with a raw double-encoded path',
    () => t.inject({ method: 'GET', url: `/get-artifact?run_uuid=${runId}&path=%252e%252e%252fsecret.txt` }),
  ]);
  return list;
}

describe('the path-traversal corpus (issue 4)', () => {
  it('refuses every attack with 400 INVALID_PARAMETER_VALUE and leaks nothing', async () => {
    const failures: string[] = [];
    for (const [endpoint, inject] of attacks()) {
      const res = await inject();
      const body = res.body;
      if (
        res.statusCode !== 400 ||
        res.json().error_code !== 'INVALID_PARAMETER_VALUE' ||
        body.includes('outside the run')
      )
        failures.push(`${endpoint}: ${res.statusCode} ${body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it('created nothing while refusing', async () => {
    const experiments = (await t.get('experiments/search', { filter: "name LIKE 'attack%'" })).json();
    expect(experiments).toEqual({});
    const versions = (await t.get('model-versions/search', { filter: "name = 'target'" })).json()
      .model_versions;
    expect(versions.map((v: { version: string }) => v.version)).toEqual(['1']);
  });

  it('still serves the legitimate paths next to them', async () => {
    const res = await t.inject({
      method: 'GET',
      url: `/get-artifact?run_uuid=${runId}&path=model/model.json`,
    });
    expect(res.statusCode).toBe(200);
    const dotted = await t.get('artifacts/list', { run_id: runId, path: './model/' });
    expect(dotted.json().files).toEqual([{ path: 'model/model.json', is_dir: false, file_size: 2 }]);
  });
});

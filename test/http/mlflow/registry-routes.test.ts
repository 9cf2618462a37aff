import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowTestApp, makeMlflowTestApp, putServableModel } from './mlflow-test-app.js';

let t: MlflowTestApp;
let runId: string;
let artifactUri: string;

beforeAll(async () => {
  t = await makeMlflowTestApp();
  const experimentId = (await t.post('experiments/create', { name: 'registry' })).json().experiment_id;
  const info = (await t.post('runs/create', { experiment_id: experimentId })).json().run.info;
  runId = info.run_id;
  artifactUri = info.artifact_uri;
  await putServableModel(t.artifacts.child(`${experimentId}/${runId}/artifacts/model`));
});
afterAll(() => t.close());

async function createVersion(name: string, extra: Record<string, unknown> = {}) {
  const res = await t.post('model-versions/create', {
    name,
    source: `runs:/${runId}/model`,
    run_id: runId,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().model_version;
}

describe('registered-models', () => {
  it('creates, gets, renames, updates, tags and deletes a model', async () => {
    const created = await t.post('registered-models/create', {
      name: 'laundering',
      description: 'first',
      tags: [{ key: 'team', value: 'risk' }],
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().registered_model).toMatchObject({
      name: 'laundering',
      description: 'first',
      tags: [{ key: 'team', value: 'risk' }],
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
    });
    const got = await t.get('registered-models/get', { name: 'laundering' });
    expect(got.json().registered_model.name).toBe('laundering');
    const renamed = await t.post('registered-models/rename', {
      name: 'laundering',
      new_name: 'laundering-2',
    });
    expect(renamed.json().registered_model.name).toBe('laundering-2');
    const updated = await t.post(
      'registered-models/update',
      { name: 'laundering-2', description: 'second' },
      'PATCH',
    );
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().registered_model.description).toBe('second');
    await t.post('registered-models/set-tag', { name: 'laundering-2', key: 'owner', value: 'ana' });
    await t.post('registered-models/delete-tag', { name: 'laundering-2', key: 'team' }, 'DELETE');
    expect(
      (await t.get('registered-models/get', { name: 'laundering-2' })).json().registered_model.tags,
    ).toEqual([{ key: 'owner', value: 'ana' }]);
    expect((await t.post('registered-models/delete', { name: 'laundering-2' }, 'DELETE')).json()).toEqual({});
    const gone = await t.get('registered-models/get', { name: 'laundering-2' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('answers MLflow errors for a taken name and a missing one', async () => {
    await t.post('registered-models/create', { name: 'dup' });
    const dup = await t.post('registered-models/create', { name: 'dup' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error_code).toBe('RESOURCE_ALREADY_EXISTS');
    const none = await t.post('registered-models/create', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().error_code).toBe('INVALID_PARAMETER_VALUE');
    const rename = await t.post('registered-models/rename', { name: 'no-such', new_name: 'x' });
    expect(rename.statusCode).toBe(404);
  });

  it('searches by name with paging', async () => {
    for (const name of ['s-one', 's-two', 's-three']) await t.post('registered-models/create', { name });
    const first = await t.get('registered-models/search', {
      filter: "name LIKE 's-%'",
      order_by: 'name ASC',
      max_results: '2',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().registered_models.map((m: { name: string }) => m.name)).toEqual(['s-one', 's-three']);
    const second = await t.get('registered-models/search', {
      filter: "name LIKE 's-%'",
      order_by: 'name ASC',
      max_results: '2',
      page_token: first.json().next_page_token,
    });
    expect(second.json().registered_models.map((m: { name: string }) => m.name)).toEqual(['s-two']);
    expect((await t.get('registered-models/search', { filter: "name = 'x' OR 1=1" })).statusCode).toBe(400);
    expect((await t.get('registered-models/search', { max_results: '1001' })).statusCode).toBe(400);
  });
});

describe('model-versions', () => {
  it('creates READY versions from runs:/ and file: sources, numbered per model', async () => {
    await t.post('registered-models/create', { name: 'versions' });
    const first = await createVersion('versions', { description: 'v1', tags: [{ key: 'k', value: 'v' }] });
    expect(first).toMatchObject({
      name: 'versions',
      version: '1',
      status: 'READY',
      current_stage: 'None',
      run_id: runId,
      source: `${artifactUri}/model`,
      description: 'v1',
      tags: [{ key: 'k', value: 'v' }],
    });
    const second = await createVersion('versions', { source: `${artifactUri}/model` });
    expect(second.version).toBe('2');
    const got = await t.get('model-versions/get', { name: 'versions', version: '2' });
    expect(got.json().model_version.version).toBe('2');
    const uri = await t.get('model-versions/get-download-uri', { name: 'versions', version: '1' });
    expect(uri.json()).toEqual({ artifact_uri: `${artifactUri}/model` });
    expect((await t.get('model-versions/get', { name: 'versions', version: '9' })).statusCode).toBe(404);
  });

  it('refuses a local source without its run, as MLflow does', async () => {
    await t.post('registered-models/create', { name: 'local' });
    const res = await t.post('model-versions/create', { name: 'local', source: `${artifactUri}/model` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('run_id');
  });

  it('updates, tags, transitions with archive_existing_versions, and deletes', async () => {
    await t.post('registered-models/create', { name: 'staged' });
    for (let i = 0; i < 3; i += 1) await createVersion('staged');
    const updated = await t.post(
      'model-versions/update',
      { name: 'staged', version: '1', description: 'best' },
      'PATCH',
    );
    expect(updated.json().model_version.description).toBe('best');
    await t.post('model-versions/set-tag', { name: 'staged', version: '1', key: 'gate', value: 'passed' });
    await t.post('model-versions/set-tag', { name: 'staged', version: '1', key: 'temp', value: 'x' });
    await t.post('model-versions/delete-tag', { name: 'staged', version: '1', key: 'temp' }, 'DELETE');
    expect(
      (await t.get('model-versions/get', { name: 'staged', version: '1' })).json().model_version.tags,
    ).toEqual([{ key: 'gate', value: 'passed' }]);

    const toProd = (version: string, archive: boolean) =>
      t.post('model-versions/transition-stage', {
        name: 'staged',
        version,
        stage: 'production',
        archive_existing_versions: archive,
      });
    expect((await toProd('1', false)).json().model_version.current_stage).toBe('Production');
    expect((await toProd('2', false)).json().model_version.current_stage).toBe('Production');
    expect((await toProd('3', true)).json().model_version.current_stage).toBe('Production');
    const stages = await Promise.all(
      ['1', '2'].map(
        async (version) =>
          (await t.get('model-versions/get', { name: 'staged', version })).json().model_version.current_stage,
      ),
    );
    expect(stages).toEqual(['Archived', 'Archived']);
    const badStage = await t.post('model-versions/transition-stage', {
      name: 'staged',
      version: '1',
      stage: 'Prod',
    });
    expect(badStage.statusCode).toBe(400);
    expect(badStage.json().error_code).toBe('INVALID_PARAMETER_VALUE');

    const latest = await t.post('registered-models/get-latest-versions', {
      name: 'staged',
      stages: ['Production', 'Archived'],
    });
    expect(
      latest
        .json()
        .model_versions.map((v: { version: string; current_stage: string }) => [v.version, v.current_stage]),
    ).toEqual(
      expect.arrayContaining([
        ['3', 'Production'],
        ['2', 'Archived'],
      ]),
    );
    const latestGet = await t.get('registered-models/get-latest-versions', {
      name: 'staged',
      stages: ['Production'],
    });
    expect(latestGet.json().model_versions.map((v: { version: string }) => v.version)).toEqual(['3']);
    const model = (await t.get('registered-models/get', { name: 'staged' })).json().registered_model;
    expect(model.latest_versions.map((v: { version: string }) => v.version)).toContain('3');

    expect(
      (await t.post('model-versions/delete', { name: 'staged', version: '2' }, 'DELETE')).json(),
    ).toEqual({});
    expect((await t.get('model-versions/get', { name: 'staged', version: '2' })).statusCode).toBe(404);
  });

  it('searches versions by name and run_id', async () => {
    await t.post('registered-models/create', { name: 'searched' });
    await createVersion('searched');
    await createVersion('searched');
    const res = await t.get('model-versions/search', { filter: `name = 'searched' and run_id = '${runId}'` });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .model_versions.map((v: { version: string }) => v.version)
        .sort(),
    ).toEqual(['1', '2']);
    expect(
      (await t.get('model-versions/search', { filter: "name = 'searched'; DELETE FROM model_versions" }))
        .statusCode,
    ).toBe(400);
  });
});

describe('a source that holds no model amlops can serve', () => {
  it('is refused at registration and the version is never READY, so it cannot be promoted', async () => {
    const experimentId = (await t.post('experiments/create', { name: 'pickled' })).json().experiment_id;
    const other = (await t.post('runs/create', { experiment_id: experimentId })).json().run.info.run_id;
    const files = t.artifacts.child(`${experimentId}/${other}/artifacts/model`);
    await files.put('MLmodel', 'flavors: {sklearn: {}}\n');
    await files.put('model.pkl', 'not a model amlops reads');
    await t.post('registered-models/create', { name: 'pickled' });
    const refused = await t.post('model-versions/create', {
      name: 'pickled',
      source: `runs:/${other}/model`,
      run_id: other,
    });
    // MLflow's shape for a bad request.
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
    expect(refused.json().message).toMatch(/holds no model amlops can serve/);
    const versions = (await t.get('model-versions/search', { filter: "name = 'pickled'" })).json()
      .model_versions;
    expect(versions).toEqual([expect.objectContaining({ version: '1', status: 'FAILED_REGISTRATION' })]);
    const promoted = await t.post('registered-models/alias', {
      name: 'pickled',
      alias: 'production',
      version: '1',
    });
    expect(promoted.statusCode).toBe(400);
  });
});

describe('aliases', () => {
  it('sets, reads (both routes) and deletes an alias, recording who moved it', async () => {
    await t.post('registered-models/create', { name: 'aliased' });
    await createVersion('aliased');
    await createVersion('aliased');
    expect(
      (await t.post('registered-models/alias', { name: 'aliased', alias: 'champion', version: '2' })).json(),
    ).toEqual({});
    for (const path of ['registered-models/alias', 'registered-models/get-model-version-by-alias']) {
      const res = await t.get(path, { name: 'aliased', alias: 'champion' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().model_version).toMatchObject({ version: '2', aliases: ['champion'] });
      expect(res.json().model_version.tags).toContainEqual({
        key: 'amlops.alias.champion.set_by',
        value: 'api:127.0.0.1',
      });
    }
    expect(
      (await t.get('registered-models/get', { name: 'aliased' })).json().registered_model.aliases,
    ).toEqual([{ alias: 'champion', version: '2' }]);
    const deleted = await t.inject({
      method: 'DELETE',
      url: '/api/2.0/mlflow/registered-models/alias?name=aliased&alias=champion',
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    const gone = await t.get('registered-models/alias', { name: 'aliased', alias: 'champion' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    const version = (await t.get('model-versions/get', { name: 'aliased', version: '2' })).json()
      .model_version;
    expect(version.description).toContain('alias champion deleted by api:127.0.0.1');
  });

  it('promotes when the production alias is set, and refuses to delete it (a rollback says where it goes)', async () => {
    await t.post('registered-models/create', { name: 'promoted' });
    await createVersion('promoted');
    const set = await t.post('registered-models/alias', {
      name: 'promoted',
      alias: 'production',
      version: '1',
    });
    expect(set.statusCode, set.body).toBe(200);
    const version = (await t.get('model-versions/get', { name: 'promoted', version: '1' })).json()
      .model_version;
    expect(version).toMatchObject({ aliases: ['production'], current_stage: 'Production' });
    expect(version.tags).toEqual(
      expect.arrayContaining([
        { key: 'amlops.promoted_by', value: 'api:127.0.0.1' },
        { key: 'amlops.promotion_reason', value: 'set through the MLflow API (registered-models/alias)' },
      ]),
    );
    const deleted = await t.inject({
      method: 'DELETE',
      url: '/api/2.0/mlflow/registered-models/alias?name=promoted&alias=production',
    });
    expect(deleted.statusCode).toBe(400);
    expect(deleted.json().message).toContain('use promote or rollback');
  });

  it('refuses reserved and malformed aliases and unknown versions', async () => {
    await t.post('registered-models/create', { name: 'aliased-bad' });
    await createVersion('aliased-bad');
    for (const [alias, version, status] of [
      ['v1', '1', 400],
      ['latest', '1', 400],
      ['has space', '1', 400],
      ['champion', '7', 404],
    ] as const) {
      const res = await t.post('registered-models/alias', { name: 'aliased-bad', alias, version });
      expect(res.statusCode, alias).toBe(status);
    }
  });
});

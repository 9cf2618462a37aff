import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowTestApp, makeMlflowTestApp } from './mlflow-test-app.js';

let t: MlflowTestApp;
beforeAll(async () => {
  t = await makeMlflowTestApp();
});
afterAll(() => t.close());

async function createExperiment(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.post('experiments/create', { name, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().experiment_id;
}

describe('experiments', () => {
  it('creates one and reads it back by id and by name, in MLflow JSON', async () => {
    const id = await createExperiment('fraud', { tags: [{ key: 'team', value: 'risk' }] });
    const byId = await t.get('experiments/get', { experiment_id: id });
    expect(byId.statusCode).toBe(200);
    expect(byId.json().experiment).toMatchObject({
      experiment_id: id,
      name: 'fraud',
      artifact_location: `${t.artifacts.rootUri}/${id}`,
      lifecycle_stage: 'active',
      tags: [{ key: 'team', value: 'risk' }],
    });
    expect(typeof byId.json().experiment.creation_time).toBe('number');
    const byName = await t.get('experiments/get-by-name', { experiment_name: 'fraud' });
    expect(byName.json().experiment.experiment_id).toBe(id);
  });

  it('accepts an artifact location under the artifact root', async () => {
    const location = `${t.artifacts.rootUri}/custom/place`;
    const id = await createExperiment('placed', { artifact_location: location });
    expect((await t.get('experiments/get', { experiment_id: id })).json().experiment.artifact_location).toBe(
      location,
    );
  });

  it('answers MLflow errors: missing parameter, unknown id or name, name taken', async () => {
    const missing = await t.post('experiments/create', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringContaining("Missing value for required parameter 'name'"),
    });
    const unknown = await t.get('experiments/get', { experiment_id: '987654' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    const noName = await t.get('experiments/get-by-name', { experiment_name: 'nope' });
    expect(noName.statusCode).toBe(404);
    expect(noName.json()).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: "Could not find experiment with name 'nope'",
    });
    await createExperiment('taken');
    const taken = await t.post('experiments/create', { name: 'taken' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error_code).toBe('RESOURCE_ALREADY_EXISTS');
  });

  it('renames, tags, deletes and restores', async () => {
    const id = await createExperiment('before');
    expect((await t.post('experiments/update', { experiment_id: id, new_name: 'after' })).json()).toEqual({});
    expect((await t.get('experiments/get', { experiment_id: id })).json().experiment.name).toBe('after');
    await t.post('experiments/set-experiment-tag', { experiment_id: id, key: 'owner', value: 'ana' });
    expect((await t.get('experiments/get', { experiment_id: id })).json().experiment.tags).toContainEqual({
      key: 'owner',
      value: 'ana',
    });
    expect((await t.post('experiments/delete', { experiment_id: id })).statusCode).toBe(200);
    expect((await t.get('experiments/get', { experiment_id: id })).json().experiment.lifecycle_stage).toBe(
      'deleted',
    );
    const deleted = await t.get('experiments/search', { view_type: 'DELETED_ONLY' });
    expect(deleted.json().experiments.map((e: { name: string }) => e.name)).toContain('after');
    expect((await t.post('experiments/restore', { experiment_id: id })).statusCode).toBe(200);
    expect((await t.get('experiments/get', { experiment_id: id })).json().experiment.lifecycle_stage).toBe(
      'active',
    );
    const unknown = await t.post('experiments/delete', { experiment_id: '424242' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    const badTag = await t.post('experiments/set-experiment-tag', { experiment_id: id, value: 'x' });
    expect(badTag.statusCode).toBe(400);
  });

  it('searches with a filter and order_by, by POST and by GET, in pages', async () => {
    for (const name of ['search-a', 'search-b', 'search-c']) await createExperiment(name);
    const post = await t.post('experiments/search', {
      filter: "name LIKE 'search-%'",
      order_by: ['name DESC'],
      max_results: 2,
    });
    expect(post.statusCode, post.body).toBe(200);
    expect(post.json().experiments.map((e: { name: string }) => e.name)).toEqual(['search-c', 'search-b']);
    const token = post.json().next_page_token;
    expect(token).toEqual(expect.any(String));
    const next = await t.get('experiments/search', {
      filter: "name LIKE 'search-%'",
      order_by: 'name DESC',
      max_results: '2',
      page_token: token,
    });
    expect(next.json().experiments.map((e: { name: string }) => e.name)).toEqual(['search-a']);
    expect(next.json().next_page_token).toBeUndefined();
    const none = await t.get('experiments/search', { filter: "name = 'no such experiment'" });
    expect(none.json()).toEqual({});
  });

  it('refuses a malformed filter, page token or max_results with 400', async () => {
    const queries: Record<string, string>[] = [
      { filter: "name = 'a' OR 1=1" },
      { filter: "name = 'a'; DROP TABLE experiments" },
      { filter: 'metrics.auc > 1' },
      { page_token: 'not-a-token' },
      { max_results: '0' },
      { max_results: 'ten' },
      { view_type: 'SOME' },
    ];
    for (const query of queries) {
      const res = await t.get('experiments/search', query);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json().error_code).toBe('INVALID_PARAMETER_VALUE');
    }
  });

  it('keeps the legacy experiments/list, with every experiment when max_results is absent', async () => {
    const res = await t.get('experiments/list');
    expect(res.statusCode).toBe(200);
    const names = res.json().experiments.map((e: { name: string }) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Default', 'fraud', 'search-a']));
    const paged = await t.get('experiments/list', { max_results: '1' });
    expect(paged.json().experiments).toHaveLength(1);
    expect(paged.json().next_page_token).toEqual(expect.any(String));
  });
});

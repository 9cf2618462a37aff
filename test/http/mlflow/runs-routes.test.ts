import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MlflowTestApp, makeMlflowTestApp } from './mlflow-test-app.js';

let t: MlflowTestApp;
let experimentId: string;
beforeAll(async () => {
  t = await makeMlflowTestApp();
  experimentId = (await t.post('experiments/create', { name: 'runs' })).json().experiment_id;
});
afterAll(() => t.close());

async function createRun(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.post('runs/create', { experiment_id: experimentId, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().run.info.run_id;
}

describe('runs', () => {
  it('creates a run and reads it by run_id and by run_uuid', async () => {
    const res = await t.post('runs/create', {
      experiment_id: experimentId,
      user_id: 'ana',
      run_name: 'nightly',
      start_time: 1764255600000,
      tags: [{ key: 'team', value: 'risk' }],
    });
    expect(res.statusCode).toBe(200);
    const { info, data } = res.json().run;
    expect(info).toMatchObject({
      experiment_id: experimentId,
      user_id: 'ana',
      run_name: 'nightly',
      status: 'RUNNING',
      start_time: 1764255600000,
      lifecycle_stage: 'active',
    });
    expect(info.run_id).toMatch(/^[0-9a-f]{32}$/);
    expect(info.run_uuid).toBe(info.run_id);
    expect(info.artifact_uri).toBe(`${t.artifacts.rootUri}/${experimentId}/${info.run_id}/artifacts`);
    expect(data.tags).toContainEqual({ key: 'team', value: 'risk' });
    const byId = await t.get('runs/get', { run_id: info.run_id });
    const byUuid = await t.get('runs/get', { run_uuid: info.run_id });
    expect(byId.json().run.info).toEqual(byUuid.json().run.info);
  });

  it('answers 404 for an unknown run and 400 without an id', async () => {
    const unknown = await t.get('runs/get', { run_id: 'f'.repeat(32) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    const none = await t.get('runs/get');
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain("Missing value for required parameter 'run_id'");
    const noExperiment = await t.post('runs/create', { experiment_id: '777777' });
    expect(noExperiment.statusCode).toBe(404);
  });

  it('updates status, end time and name, and answers the run info', async () => {
    const runId = await createRun();
    const res = await t.post('runs/update', {
      run_uuid: runId,
      status: 'FINISHED',
      end_time: 1764255700000,
      run_name: 'done',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().run_info).toMatchObject({
      run_id: runId,
      status: 'FINISHED',
      end_time: 1764255700000,
      run_name: 'done',
    });
    const bad = await t.post('runs/update', { run_id: runId, status: 'SLEEPING' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('deletes and restores a run; a deleted run refuses writes', async () => {
    const runId = await createRun();
    expect((await t.post('runs/delete', { run_id: runId })).json()).toEqual({});
    expect((await t.get('runs/get', { run_id: runId })).json().run.info.lifecycle_stage).toBe('deleted');
    const write = await t.post('runs/log-parameter', { run_id: runId, key: 'a', value: '1' });
    expect(write.statusCode).toBe(400);
    expect(write.json().error_code).toBe('INVALID_PARAMETER_VALUE');
    expect((await t.post('runs/restore', { run_id: runId })).statusCode).toBe(200);
    expect((await t.get('runs/get', { run_id: runId })).json().run.info.lifecycle_stage).toBe('active');
    expect((await t.post('runs/delete', { run_id: 'a'.repeat(32) })).statusCode).toBe(404);
  });

  it('logs metrics with their history, params written once, tags set and deleted', async () => {
    const runId = await createRun();
    for (const [step, value] of [0.7, 0.8, 0.9].entries()) {
      const res = await t.post('runs/log-metric', {
        run_id: runId,
        key: 'auc',
        value,
        timestamp: 1000 + step,
        step,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({});
    }
    await t.post('runs/log-metric', { run_uuid: runId, key: 'loss', value: 'NaN', timestamp: 5 });
    await t.post('runs/log-parameter', { run_id: runId, key: 'max_depth', value: '4' });
    expect(
      (await t.post('runs/log-parameter', { run_id: runId, key: 'max_depth', value: '4' })).statusCode,
    ).toBe(200);
    const changed = await t.post('runs/log-parameter', { run_id: runId, key: 'max_depth', value: '5' });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error_code).toBe('INVALID_PARAMETER_VALUE');
    await t.post('runs/set-tag', { run_id: runId, key: 'stage', value: 'test' });
    await t.post('runs/set-tag', { run_id: runId, key: 'gone', value: 'soon' });
    expect((await t.post('runs/delete-tag', { run_id: runId, key: 'gone' })).statusCode).toBe(200);

    const { data } = (await t.get('runs/get', { run_id: runId })).json().run;
    expect(data.metrics).toContainEqual({ key: 'auc', value: 0.9, timestamp: 1002, step: 2 });
    expect(data.metrics).toContainEqual({ key: 'loss', value: 'NaN', timestamp: 5, step: 0 });
    expect(data.params).toEqual([{ key: 'max_depth', value: '4' }]);
    expect(data.tags).toContainEqual({ key: 'stage', value: 'test' });
    expect(data.tags.map((tag: { key: string }) => tag.key)).not.toContain('gone');

    const history = await t.get('metrics/get-history', { run_uuid: runId, metric_key: 'auc' });
    expect(history.statusCode).toBe(200);
    expect(history.json().metrics).toEqual([
      { key: 'auc', value: 0.7, timestamp: 1000, step: 0 },
      { key: 'auc', value: 0.8, timestamp: 1001, step: 1 },
      { key: 'auc', value: 0.9, timestamp: 1002, step: 2 },
    ]);
    expect((await t.get('metrics/get-history', { run_id: runId, metric_key: 'none' })).json()).toEqual({});
  });

  it('refuses metrics MLflow refuses: no timestamp, a value that is not a number, a bad key', async () => {
    const runId = await createRun();
    for (const body of [
      { run_id: runId, key: 'auc', value: 0.5 },
      { run_id: runId, key: 'auc', value: 'high', timestamp: 1 },
      { run_id: runId, key: '../auc', value: 0.5, timestamp: 1 },
      { run_id: runId, key: 'auc', value: 0.5, timestamp: 1, step: 1.5 },
    ]) {
      const res = await t.post('runs/log-metric', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error_code).toBe('INVALID_PARAMETER_VALUE');
    }
    const unknownRun = await t.post('runs/log-metric', {
      run_id: 'b'.repeat(32),
      key: 'auc',
      value: 1,
      timestamp: 1,
    });
    expect(unknownRun.statusCode).toBe(404);
  });

  it('logs a batch atomically', async () => {
    const runId = await createRun();
    const res = await t.post('runs/log-batch', {
      run_id: runId,
      metrics: [
        { key: 'auc', value: 0.91, timestamp: 10, step: 0 },
        { key: 'auc', value: 0.92, timestamp: 11, step: 1 },
      ],
      params: [{ key: 'n_estimators', value: '100' }],
      tags: [{ key: 'source', value: 'batch' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { data } = (await t.get('runs/get', { run_id: runId })).json().run;
    expect(data.metrics).toEqual([{ key: 'auc', value: 0.92, timestamp: 11, step: 1 }]);
    expect(data.params).toEqual([{ key: 'n_estimators', value: '100' }]);
    const partial = await t.post('runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'other', value: 1, timestamp: 1 }],
      params: [{ key: 'n_estimators', value: '200' }],
    });
    expect(partial.statusCode).toBe(400);
    const history = await t.get('metrics/get-history', { run_id: runId, metric_key: 'other' });
    expect(history.json()).toEqual({});
  });

  it('accepts 100 params and 100 tags in one batch, as MLflow and its Python client do', async () => {
    const runId = await createRun();
    const pairs = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 'v' }));
    const res = await t.post('runs/log-batch', {
      run_id: runId,
      params: pairs('p', 100),
      tags: pairs('t', 100),
    });
    expect(res.statusCode, res.body).toBe(200);
    const { data } = (await t.get('runs/get', { run_id: runId })).json().run;
    expect(data.params).toHaveLength(100);
    expect(data.tags.filter((tag: { key: string }) => /^t\d+$/.test(tag.key))).toHaveLength(100);
  });

  it("refuses batches over MLflow's limits before writing anything", async () => {
    const runId = await createRun();
    const metrics = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ key: `m${i}`, value: i, timestamp: 1 }));
    const pairs = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const cases: [Record<string, unknown>, string][] = [
      [{ metrics: metrics(1001) }, 'at most 1000 metrics. Got 1001 metrics'],
      [{ params: pairs(101) }, 'at most 100 params. Got 101 params'],
      [{ tags: pairs(101) }, 'at most 100 tags. Got 101 tags'],
      [{ metrics: metrics(950), params: pairs(60) }, 'at most 1000 metrics, params, and tags. Got 1010'],
    ];
    for (const [body, message] of cases) {
      const res = await t.post('runs/log-batch', { run_id: runId, ...body });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error_code: 'INVALID_PARAMETER_VALUE',
        message: expect.stringContaining(message),
      });
    }
    expect((await t.get('runs/get', { run_id: runId })).json().run.data.metrics).toBeUndefined();
  });
});

import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type MlflowTestApp, makeMlflowTestApp } from './mlflow-test-app.js';

// The package is CommonJS with `module.exports = MLflow`; its typings describe an ES default export.
type MLflowClass = typeof import('mlflow')['default'];
const requireCjs = createRequire(import.meta.url);
const MLflow = requireCjs('mlflow') as MLflowClass;
const { RunStatus, ViewType } = requireCjs('mlflow/enum') as typeof import('mlflow/enum.js');

let t: MlflowTestApp;
let client: InstanceType<MLflowClass>;

beforeAll(async () => {
  // The client logs every request body it sends.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  t = await makeMlflowTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  client = new MLflow({ endpoint: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await t.close();
  vi.restoreAllMocks();
});

describe('the npm mlflow client against a listening amlops server', () => {
  it('creates an experiment and a run, logs params, metrics with history and tags, searches and lists artifacts', async () => {
    const { Experiments, Runs, Metrics, Artifacts } = client;

    const { experiment_id } = await Experiments.create({
      name: 'consumers-laundering-model',
      artifact_location: '',
    });
    const { experiment } = await Experiments.get({ experiment_id });
    expect(experiment.name).toBe('consumers-laundering-model');
    const { experiments } = await Experiments.list();
    expect(experiments.map((e: { name: string }) => e.name)).toContain('consumers-laundering-model');

    const runs: string[] = [];
    for (const [i, depth] of ['2', '4'].entries()) {
      const { run } = await Runs.create({
        experiment_id,
        user_id: 'analyst',
        start_time: 1764255600000 + i,
        tags: [{ key: 'mlflow.runName', value: `depth-${depth}` }],
      });
      expect(run.info.status).toBe('RUNNING');
      const run_id = run.info.run_id;
      runs.push(run_id);
      await Runs.logParameter({ run_id, key: 'max_depth', value: depth });
      await Runs.setTag({ run_id, key: 'team', value: 'risk' });
      for (let step = 0; step < 3; step += 1)
        await Runs.logMetric({
          run_id,
          key: 'roc_auc',
          value: 0.8 + step * 0.05 - i * 0.1,
          timestamp: 1000 + step,
          step,
        });
      await Runs.logBatch({
        run_id,
        metrics: [{ key: 'log_loss', value: 0.3, timestamp: 2000, step: 0 }],
        params: [{ key: 'n_estimators', value: '10' }],
        tags: [{ key: 'engine', value: 'amlops' }],
      });
      await Runs.update({ run_id, status: RunStatus.FINISHED, end_time: 1764255700000 });
    }

    const { run } = await Runs.get({ run_id: runs[0]! });
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.params).toEqual(
      expect.arrayContaining([
        { key: 'max_depth', value: '2' },
        { key: 'n_estimators', value: '10' },
      ]),
    );
    expect(run.data.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'risk' },
        { key: 'engine', value: 'amlops' },
      ]),
    );
    expect(run.data.metrics).toContainEqual({ key: 'roc_auc', value: 0.9, timestamp: 1002, step: 2 });

    const history = await Metrics.getHistory({ run_id: runs[0]!, metric_key: 'roc_auc' });
    expect(history.metrics.map((m: { step: number; value: number }) => [m.step, m.value])).toEqual([
      [0, 0.8],
      [1, 0.8500000000000001],
      [2, 0.9],
    ]);

    const found = await Runs.search({
      experiment_ids: [experiment_id],
      filter: "metrics.roc_auc > 0.85 and params.max_depth = '2' and tags.team = 'risk'",
      order_by: ['metrics.roc_auc DESC'],
    });
    expect(found.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runs[0]]);
    const all = await Runs.search({ experiment_ids: [experiment_id], order_by: ['params.max_depth DESC'] });
    expect(all.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([runs[1], runs[0]]);

    const files = t.artifacts.child(`${experiment_id}/${runs[0]}/artifacts`);
    await files.put('model/model.json', '{"learner": {}}');
    await files.put('metrics.json', '{}');
    const listed = await Artifacts.list({ run_id: runs[0]!, path: '' });
    expect(listed.root_uri).toBe(run.info.artifact_uri);
    expect(listed.files).toEqual([
      { path: 'metrics.json', is_dir: false, file_size: 2 },
      { path: 'model', is_dir: true },
    ]);
    const inModel = await Artifacts.list({ run_id: runs[0]!, path: 'model' });
    expect(inModel.files).toEqual([{ path: 'model/model.json', is_dir: false, file_size: 15 }]);
  });

  it('deletes a tag, deletes and restores a run, and renames, deletes and restores an experiment', async () => {
    const { Experiments, Runs } = client;
    const { experiment_id } = await Experiments.create({ name: 'lifecycle', artifact_location: '' });
    const { run } = await Runs.create({ experiment_id, user_id: 'analyst', start_time: 1, tags: [] });
    const run_id = run.info.run_id;
    await Runs.setTag({ run_id, key: 'temporary', value: 'x' });
    await Runs.deleteTag({ run_id, key: 'temporary' });
    expect((await Runs.get({ run_id })).run.data.tags ?? []).not.toContainEqual({
      key: 'temporary',
      value: 'x',
    });
    await Runs.delete({ run_id });
    const deleted = await Runs.search({
      experiment_ids: [experiment_id],
      run_view_type: ViewType.DELETED_ONLY,
    });
    expect(deleted.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([run_id]);
    await Runs.restore({ run_id });
    expect((await Runs.get({ run_id })).run.info.lifecycle_stage).toBe('active');
    await Experiments.update({ experiment_id, new_name: 'lifecycle-renamed' });
    await Experiments.delete({ experiment_id });
    const { experiments } = await Experiments.list({ view_type: ViewType.DELETED_ONLY });
    expect(experiments.map((e: { name: string }) => e.name)).toEqual(['lifecycle-renamed']);
    await Experiments.restore({ experiment_id });
    expect((await Experiments.get({ experiment_id })).experiment.lifecycle_stage).toBe('active');
  });

  it("surfaces MLflow's error body to the client", async () => {
    const failure = client.Experiments.get({ experiment_id: '999999' });
    await expect(failure).rejects.toThrow(/"status":404.*RESOURCE_DOES_NOT_EXIST/);
    const traversal = client.Artifacts.list({ run_id: 'a'.repeat(32), path: '../../etc' });
    await expect(traversal).rejects.toThrow(/"status":400.*INVALID_PARAMETER_VALUE/);
  });
});

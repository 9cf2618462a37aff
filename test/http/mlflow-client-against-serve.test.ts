import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { type RunningServer, startScoringProcess } from '../../src/main/server.js';

// The npm package is CommonJS (`module.exports = MLflow`); its typings describe an ES default export.
type MLflowClass = typeof import('mlflow')['default'];
const requireCjs = createRequire(import.meta.url);
const MLflow = requireCjs('mlflow') as MLflowClass;
const { RunStatus, ViewType } = requireCjs('mlflow/enum') as typeof import('mlflow/enum.js');

let server: RunningServer;
let home: string;
let client: InstanceType<MLflowClass>;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {}); // the client logs every body it sends
  home = mkdtempSync(join(tmpdir(), 'amlops-serve-mlflow-'));
  const { config } = resolveConfig({
    env: { AMLOPS_HOME: home, AMLOPS_PORT: '0', AMLOPS_LOG_LEVEL: 'silent' },
  });
  server = await startScoringProcess(config, { cwd: home, version: '0.0.0-test' });
  client = new MLflow({ endpoint: server.url });
});

afterAll(async () => {
  await server.shutdown();
  rmSync(home, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('the npm mlflow client against the server of `amlops serve`', () => {
  it('creates an experiment and a run, logs params, metric history and tags, searches and lists artifacts', async () => {
    const { Experiments, Runs, Metrics, Artifacts } = client;
    const { experiment_id } = await Experiments.create({
      name: 'consumers-laundering-model',
      artifact_location: '',
    });
    const { run } = await Runs.create({ experiment_id, user_id: 'analyst', start_time: 1764255600000 });
    const run_id = run.info.run_id;
    await Runs.logParameter({ run_id, key: 'max_depth', value: '5' });
    await Runs.setTag({ run_id, key: 'team', value: 'risk' });
    for (const [step, value] of [0.81, 0.86, 0.9].entries())
      await Runs.logMetric({ run_id, key: 'test_roc_auc', value, timestamp: 1000 + step, step });
    await Runs.update({ run_id, status: RunStatus.FINISHED, end_time: 1764255700000 });

    const { metrics } = await Metrics.getHistory({ run_id, metric_key: 'test_roc_auc' });
    expect(metrics.map((m: { value: number }) => m.value)).toEqual([0.81, 0.86, 0.9]);
    const found = await Runs.search({
      experiment_ids: [experiment_id],
      filter: "metrics.test_roc_auc > 0.89 and params.max_depth = '5' and tags.team = 'risk'",
      run_view_type: ViewType.ACTIVE_ONLY,
    });
    expect(found.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([run_id]);
    const none = await Runs.search({
      experiment_ids: [experiment_id],
      filter: 'metrics.test_roc_auc > 0.95',
    });
    expect(none.runs ?? []).toEqual([]);
    const listed = await Artifacts.list({ run_id, path: '' });
    expect(listed.files ?? []).toEqual([]);
  });
});

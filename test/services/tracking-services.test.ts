import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/services/compare-runs.js';
import { experimentLifecycle } from '../../src/services/experiment-lifecycle.js';
import { findExperiment } from '../../src/services/find-experiment.js';
import { listExperiments } from '../../src/services/list-experiments.js';
import { listRuns } from '../../src/services/list-runs.js';
import { readRunArtifact } from '../../src/services/read-run-artifact.js';
import { showExperiment } from '../../src/services/show-experiment.js';
import { showRun } from '../../src/services/show-run.js';
import { openTestPlatform, seedRuns, type TestPlatform } from './platform-test-kit.js';

let t: TestPlatform;
let seeded: Awaited<ReturnType<typeof seedRuns>>;

beforeAll(async () => {
  t = await openTestPlatform();
  seeded = await seedRuns(t);
});
afterAll(() => t.close());

describe('experiments', () => {
  it('lists active experiments and finds one by id or by name', async () => {
    const names = (await listExperiments(t.tracking)).map((e) => e.name);
    expect(names).toContain('consumers-laundering-model');
    expect((await findExperiment(t.tracking, seeded.experimentId)).name).toBe('consumers-laundering-model');
    expect((await findExperiment(t.tracking, 'consumers-laundering-model')).experimentId).toBe(
      seeded.experimentId,
    );
    await expect(findExperiment(t.tracking, 'no-such')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows an experiment with its newest runs first', async () => {
    const details = await showExperiment(t.tracking, 'consumers-laundering-model');
    expect(details.recentRuns.map((r) => r.runName)).toEqual(['deeper', 'shallow']);
    expect(details.moreRuns).toBe(false);
  });

  it('renames, deletes and restores an experiment by name', async () => {
    await t.tracking.createExperiment({ name: 'scratch' });
    expect((await experimentLifecycle.rename(t.tracking, 'scratch', 'scratch-2')).name).toBe('scratch-2');
    expect((await experimentLifecycle.delete(t.tracking, 'scratch-2')).lifecycleStage).toBe('deleted');
    expect((await listExperiments(t.tracking)).map((e) => e.name)).not.toContain('scratch-2');
    expect((await listExperiments(t.tracking, { view: 'DELETED_ONLY' })).map((e) => e.name)).toEqual([
      'scratch-2',
    ]);
    expect((await experimentLifecycle.restore(t.tracking, 'scratch-2')).lifecycleStage).toBe('active');
  });
});

describe('runs', () => {
  it('lists runs of an experiment with a filter and an order', async () => {
    const all = await listRuns(t.tracking, { experiments: ['consumers-laundering-model'] });
    expect(all.runs.map((r) => r.runName)).toEqual(['deeper', 'shallow']);
    const good = await listRuns(t.tracking, {
      experiments: ['consumers-laundering-model'],
      filter: 'metrics.test_roc_auc > 0.89',
      orderBy: ['metrics.test_roc_auc ASC'],
    });
    expect(good.runs.map((r) => [r.runName, r.metrics.test_roc_auc])).toEqual([
      ['shallow', 0.9],
      ['deeper', 0.93],
    ]);
    const deep = await listRuns(t.tracking, { filter: "params.max_depth = '4'" });
    expect(deep.runs.map((r) => r.runId)).toEqual([seeded.runB]);
  });

  it('refuses a filter it cannot parse with USAGE, before any SQL', async () => {
    await expect(listRuns(t.tracking, { filter: "params.x = 'a' OR 1=1" })).rejects.toMatchObject({
      code: 'USAGE',
    });
    await expect(listRuns(t.tracking, { orderBy: ['metrics.auc; DROP TABLE runs'] })).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  it('shows a run with params, latest metrics, tags, artifacts and the versions made from it', async () => {
    const version = await t.registerVersion('shown-model', seeded.runA);
    const details = await showRun(t, seeded.runA);
    expect(details.experimentName).toBe('consumers-laundering-model');
    expect(details.run.params).toEqual({ max_depth: '3', n_estimators: '10' });
    expect(details.run.metrics).toEqual({ test_roc_auc: 0.9, log_loss: 0.31 });
    expect(details.run.tags.team).toBe('risk');
    expect(details.artifacts.map((f) => f.path)).toEqual(['evaluation.json', `model-1/model/model.json`]);
    expect(details.modelVersions).toEqual([
      { name: 'shown-model', version: version.version, stage: 'None', aliases: [] },
    ]);
  });

  it('reads a run artifact and refuses paths that leave the run', async () => {
    const bytes = await readRunArtifact(t, seeded.runA, 'evaluation.json');
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({ test: { roc_auc: 0.9 } });
    await expect(readRunArtifact(t, seeded.runA, '../../amlops.db')).rejects.toMatchObject({
      code: 'ARTIFACT_PATH_INVALID',
    });
    await expect(readRunArtifact(t, seeded.runA, 'missing.json')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });

  it('compares runs side by side and marks what differs', async () => {
    const comparison = await compareRuns(t.tracking, [seeded.runA, seeded.runB]);
    expect(comparison.runs.map((r) => r.runName)).toEqual(['shallow', 'deeper']);
    expect(comparison.params).toEqual([
      { key: 'max_depth', values: ['3', '4'], differs: true },
      { key: 'n_estimators', values: ['10', '10'], differs: false },
    ]);
    expect(comparison.metrics).toEqual([
      { key: 'log_loss', values: [0.31, 0.31], differs: false },
      { key: 'test_roc_auc', values: [0.9, 0.93], differs: true },
    ]);
    await expect(compareRuns(t.tracking, [seeded.runA])).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('marks a value one run lacks as a difference', async () => {
    const experimentId = await t.tracking.createExperiment({ name: 'sparse' });
    const a = await t.tracking.createRun({ experimentId });
    const b = await t.tracking.createRun({ experimentId });
    await t.tracking.logParam(a.info.runId, { key: 'only_a', value: '1' });
    const comparison = await compareRuns(t.tracking, [a.info.runId, b.info.runId]);
    expect(comparison.params).toEqual([{ key: 'only_a', values: ['1', null], differs: true }]);
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { COMMANDS } from '../../src/main/commands.js';
import { openTestPlatform, seedRuns } from '../services/platform-test-kit.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'xgboost', 'original-shape.model.json');
let home: string;
let seeded: Awaited<ReturnType<typeof seedRuns>>;

const run = async (...args: string[]) => {
  const io = memoryIo({ env: { AMLOPS_HOME: home, USER: 'tester' } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};
const json = async (...args: string[]) => {
  const result = await run(...args, '--json');
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
};

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'amlops-cli-platform-'));
  const t = await openTestPlatform(home);
  seeded = await seedRuns(t);
  await t.registerVersion('consumers-laundering-model', seeded.runA);
  await t.registerVersion('consumers-laundering-model', seeded.runB);
  await t.close();
});
afterAll(() => rm(home, { recursive: true, force: true }));

describe('amlops experiments', () => {
  it('lists experiments as a table and as JSON', async () => {
    const table = await run('experiments', 'list');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^ID\s+NAME\s+STAGE/);
    expect(table.out).toContain('consumers-laundering-model');
    const { experiments } = await json('experiments', 'list');
    expect(experiments.map((e: { name: string }) => e.name)).toContain('consumers-laundering-model');
  });

  it('shows, renames, deletes and restores by name', async () => {
    const shown = await json('experiments', 'show', 'consumers-laundering-model');
    expect(shown.recentRuns).toHaveLength(2);
    await json('experiments', 'rename', 'consumers-laundering-model', 'renamed');
    expect((await json('experiments', 'delete', 'renamed')).experiment.lifecycleStage).toBe('deleted');
    expect(
      (await json('experiments', 'list', '--deleted')).experiments.map((e: { name: string }) => e.name),
    ).toEqual(['renamed']);
    expect((await json('experiments', 'restore', 'renamed')).experiment.lifecycleStage).toBe('active');
    await json('experiments', 'rename', 'renamed', 'consumers-laundering-model');
  });

  it('exits 66 (NOT_FOUND) for an unknown experiment', async () => {
    const missing = await run('experiments', 'show', 'nope');
    expect(missing.code).toBe(66);
    expect(missing.err).toContain('NOT_FOUND');
  });
});

describe('amlops runs', () => {
  it('lists runs filtered and ordered', async () => {
    const { runs } = await json(
      'runs',
      'list',
      '--experiment',
      'consumers-laundering-model',
      '--filter',
      'metrics.test_roc_auc > 0.8',
      '--order-by',
      'metrics.test_roc_auc DESC',
    );
    expect(runs.map((r: { runName: string }) => r.runName)).toEqual(['deeper', 'shallow']);
    const table = await run('runs', 'list');
    expect(table.out).toMatch(/RUN ID\s+NAME\s+STATUS\s+STARTED\s+SECONDS\s+log_loss\s+test_roc_auc/);
  });

  it('exits 64 (USAGE) for a filter it cannot parse', async () => {
    const bad = await run('runs', 'list', '--filter', "params.a = 'x' OR 1=1");
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('USAGE');
  });

  it('shows a run with its artifacts', async () => {
    const details = await json('runs', 'show', seeded.runA);
    expect(details.run.params.max_depth).toBe('3');
    expect(details.artifacts.map((f: { path: string }) => f.path)).toContain('evaluation.json');
    const text = await run('runs', 'show', seeded.runA);
    expect(text.out).toContain('evaluation.json');
    expect(text.out).toMatch(/test_roc_auc\s+0\.9\b/);
  });

  it('compares runs with the differences marked', async () => {
    const comparison = await json('runs', 'compare', seeded.runA, seeded.runB);
    expect(comparison.params.find((p: { key: string }) => p.key === 'max_depth')).toEqual({
      key: 'max_depth',
      values: ['3', '4'],
      differs: true,
    });
    const text = await run('runs', 'compare', seeded.runA, seeded.runB, '--only-differences');
    expect(text.out).toMatch(/\*\s+max_depth\s+3\s+4/);
    expect(text.out).not.toContain('n_estimators');
  });
});

describe('amlops models', () => {
  it('promotes with who and why, rolls back, and shows the record', async () => {
    expect((await run('models', 'promote', 'consumers-laundering-model', '1')).code).toBe(64); // --reason is required
    const first = await json('models', 'promote', 'consumers-laundering-model', '1', '--reason', 'first');
    expect(first.version.tags).toContainEqual({ key: 'amlops.promoted_by', value: 'tester' });
    const second = await json(
      'models',
      'promote',
      'consumers-laundering-model',
      '2',
      '--reason',
      'better',
      '--by',
      'alice',
    );
    expect(second.previous).toBe('1');
    const rollback = await json(
      'models',
      'rollback',
      'consumers-laundering-model',
      '--reason',
      'drift',
      '--by',
      'bob',
    );
    expect(rollback).toMatchObject({ rolledBack: '2', version: { version: '1', aliases: ['production'] } });
    const shown = await json('models', 'show');
    expect(shown.productionVersion).toBe('1');
    expect(shown.versions[1].promotion).toMatchObject({ by: 'bob', reason: 'drift', kind: 'rollback' });
    const text = await run('models', 'show', 'consumers-laundering-model');
    expect(text.out).toMatch(/1\s+Production\s+production\s+READY/);
    expect(text.out).toContain('by bob: drift');
  });

  it('sets and deletes an alias, recording who, but not production', async () => {
    const set = await json('models', 'alias', 'set', 'consumers-laundering-model', 'challenger', '2');
    expect(set.version.aliases).toEqual(['challenger']);
    expect(set.version.tags).toContainEqual({ key: 'amlops.alias.challenger.set_by', value: 'tester' });
    const text = await run(
      'models',
      'alias',
      'set',
      'consumers-laundering-model',
      'challenger',
      '2',
      '--by',
      'carol',
    );
    expect(text.out).toContain('consumers-laundering-model@challenger -> version 2; set by carol');
    await json('models', 'alias', 'delete', 'consumers-laundering-model', 'challenger');
    const refused = await run('models', 'alias', 'set', 'consumers-laundering-model', 'production', '2');
    expect(refused.code).toBe(64);
  });

  it('imports an XGBoost model and exports it back in its original feature order', async () => {
    const imported = await json('models', 'import', '--xgboost', FIXTURE, '--name', 'from-xgboost');
    expect(imported.version).toMatchObject({ name: 'from-xgboost', version: '1', status: 'READY' });
    const out = join(home, 'out', 'exported.json');
    const exported = await json(
      'models',
      'export',
      'from-xgboost/1',
      '--format',
      'xgboost-json',
      '--out',
      out,
    );
    expect(exported.featureNames).toEqual([
      'total_outcome_dollar_amount',
      'total_income_dollar_amount',
      'risk_pld=HIGH',
      'risk_pld=LOW',
      'risk_pld=MEDIUM',
    ]);
    const written = JSON.parse(await readFile(out, 'utf8'));
    expect(written.learner.feature_names).toEqual(exported.featureNames);
    const { models } = await json('models', 'list');
    expect(models.map((m: { name: string }) => m.name)).toEqual([
      'consumers-laundering-model',
      'from-xgboost',
    ]);
    const versions = await json('models', 'versions', 'from-xgboost');
    expect(versions.versions.map((v: { version: string }) => v.version)).toEqual(['1']);
  });

  it('answers help with 0 and an unknown subcommand or missing option with 64, on its own output', async () => {
    const help = await run('models', 'promote', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('--reason <text>');
    const unknown = await run('models', 'frob');
    expect(unknown.code).toBe(64);
    const missing = await run('models', 'alias', 'set', 'm');
    expect(missing.code).toBe(64);
    expect(missing.err).toContain('missing required argument');
  });

  it('exits 66 for a missing import file and 64 for an unknown export format', async () => {
    expect((await run('models', 'import', '--xgboost', join(home, 'none.json'), '--name', 'x')).code).toBe(
      66,
    );
    const bad = await run(
      'models',
      'export',
      'from-xgboost/1',
      '--format',
      'onnx',
      '--out',
      join(home, 'x.onnx'),
    );
    expect(bad.code).toBe(64);
  });
});

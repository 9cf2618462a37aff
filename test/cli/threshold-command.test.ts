import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import { openCaseStore } from '../../src/adapters/sql/open-case-store.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { platformApi } from '../../src/http/platform/index.js';
import { COMMANDS } from '../../src/main/commands.js';

const NAME = 'consumers-laundering-model';
const dir = mkdtempSync(join(tmpdir(), 'amlops-threshold-cli-'));
const home = join(dir, 'home');
const run = async (args: string[], env: Record<string, string> = {}) => {
  const io = memoryIo({ cwd: dir, env: { AMLOPS_HOME: home, ...env } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};
const json = async (args: string[], env: Record<string, string> = {}) => {
  const result = await run([...args, '--json'], env);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
};

/** The labels and version 1's scores of the test file, read back from `amlops score`. */
let labels: number[];
let scores: number[];
let trainingRun: string;

/** The training run's evaluation.json on disk. */
const evaluationFile = async (runId: string): Promise<string> => {
  const shown = await json(['runs', 'show', runId]);
  return join(fileURLToPath(shown.run.artifactUri), 'evaluation.json');
};

beforeAll(async () => {
  await writeTable(join(dir, 'cases.csv'), generateCases({ rows: 6000, seed: 31 }).frame);
  await writeTable(join(dir, 'labelled.csv'), generateCases({ rows: 4000, seed: 32 }).frame);
  // The test split is the whole of labelled.csv, so that its scores can be counted here.
  const trained = await json([
    'train',
    '--data',
    'cases.csv',
    '--test-data',
    'labelled.csv',
    '--params',
    '{"n_estimators":20,"max_depth":3}',
    '--promote',
  ]);
  trainingRun = trained.run_id;
  expect(trainingRun).toMatch(/^[0-9a-f]{32}$/);
  const scored = await run(['score', '--input', 'labelled.csv', '--output', 'scored.csv']);
  expect(scored.code, scored.err).toBe(0);
  const [header, ...lines] = readFileSync(join(dir, 'scored.csv'), 'utf8').trim().split('\n');
  const names = header!.split(',');
  const cells = lines.map((line) => line.split(','));
  scores = cells.map((row) => Number(row[names.indexOf('prediction')]));
  labels = cells.map((row) => (row[names.indexOf('conclusion')] === 'CLOSED_NO_ROI' ? 0 : 1));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Alerts and true positives when every case scored at or above `threshold` is alerted. */
const counted = (threshold: number) => {
  let alerts = 0;
  let tp = 0;
  scores.forEach((s, i) => {
    if (s >= threshold) {
      alerts++;
      tp += labels[i]!;
    }
  });
  return { alerts, tp };
};

describe('amlops threshold --capacity', () => {
  it("picks the threshold sending about 50 of 20,000 cases a day, with figures an independent count of the test file's scores confirms", async () => {
    const report = await json(['threshold', '--capacity', '50', '--daily-volume', '20000']);
    expect(report.model).toEqual({ name: NAME, version: '1', aliases: ['production'] });
    expect(report.evaluation).toEqual({
      kind: 'training',
      runId: trainingRun,
      data: null,
      cases: 4000,
      positives: labels.filter((y) => y === 1).length,
    });
    expect(report.request).toEqual({ capacity: 50, dailyVolume: 20000, alertRate: 0.0025, threshold: null });
    // 0.25% of 4000 cases is 10: the distinct score whose alert count is nearest 10 (fewer on a tie).
    const distinct = [...new Set(scores)].sort((a, b) => b - a);
    const nearest = distinct.reduce((best, t) =>
      Math.abs(counted(t).alerts - 10) < Math.abs(counted(best).alerts - 10) ? t : best,
    );
    const { alerts, tp } = counted(nearest);
    const positives = report.evaluation.positives;
    expect(report.at).toEqual({
      threshold: nearest,
      alertRate: alerts / 4000,
      precision: tp / alerts,
      recall: tp / positives,
      alerts,
      truePositives: tp,
      exact: true,
    });
    expect(report.perDay.alerts).toBeCloseTo((alerts / 4000) * 20000, 9);
    expect(report.perDay.truePositives).toBeCloseTo((tp / 4000) * 20000, 9);
    // The table around it: its rows are counted the same way.
    expect(report.around.some((row: { threshold: number }) => row.threshold === nearest)).toBe(true);
    expect(report.around.length).toBeGreaterThanOrEqual(6);
    for (const row of report.around) {
      const c = counted(row.threshold);
      expect([row.alerts, row.truePositives]).toEqual([c.alerts, c.tp]);
    }
    // The training gave the new version its operating threshold (no capacity configured).
    expect(report.trainingThreshold).toEqual(expect.any(Number));
    expect(report.alertThreshold).toMatchObject({ value: report.trainingThreshold, setBy: 'training' });
  });

  it('prints the pick, its precision and recall, the table around it and how to set it', async () => {
    const report = await json(['threshold', '--capacity', '50', '--daily-volume', '20000']);
    const text = await run(['threshold', '--capacity', '50', '--daily-volume', '20000']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain(
      `${NAME} version 1 (production), a capacity of 50 cases a day out of 20000 scored (0.25%):`,
    );
    expect(text.out).toMatch(
      /^threshold 0\.\d+: alerts [\d.]+% of cases, about [\d.]+ cases a day of which [\d.]+ laundering$/m,
    );
    expect(text.out).toContain(
      `  precision ${report.at.precision.toFixed(4)}  (share of alerts that are laundering)`,
    );
    expect(text.out).toContain(`  recall    ${report.at.recall.toFixed(4)}  (share of laundering caught)`);
    expect(text.out).toMatch(
      /^ {3}THRESHOLD {2}ALERT RATE {2}A DAY {2}PRECISION {2}RECALL {2}ALERTS {2}CAUGHT$/m,
    );
    expect(text.out.match(/^> /gm)).toHaveLength(1);
    expect(text.out).toContain(`measured on the test split of training run ${trainingRun}: 4000 cases`);
    expect(text.out).toMatch(
      /^alert threshold of version 1: [0-9.]+, set by training at \S+: the training's operating threshold \(as many alerts as the train split has positives/m,
    );
    expect(text.out).toContain(
      `to set it: amlops threshold --model ${NAME}/1 --set ${report.at.threshold} --reason "…"`,
    );
  });

  it('reads the capacity and the daily volume from the settings, flags first', async () => {
    const flags = await json(['threshold', '--capacity', '50', '--daily-volume', '20000']);
    const env = { AMLOPS_CASES_CAPACITY_PER_DAY: '50', AMLOPS_CASES_DAILY_VOLUME: '20000' };
    expect(await json(['threshold'], env)).toEqual(flags);
    const overridden = await json(['threshold', '--capacity', '200'], env);
    expect(overridden.request).toMatchObject({ capacity: 200, dailyVolume: 20000, alertRate: 0.01 });
  });
});

describe('amlops threshold --threshold', () => {
  it("states a table row's own counts, and between rows an estimate within the rows' counts", async () => {
    const picked = await json(['threshold', '--capacity', '50', '--daily-volume', '20000']);
    const same = await json([
      'threshold',
      '--threshold',
      String(picked.at.threshold),
      '--daily-volume',
      '20000',
    ]);
    expect(same.at).toEqual(picked.at);
    expect(same.request).toEqual({
      capacity: null,
      dailyVolume: 20000,
      alertRate: null,
      threshold: picked.at.threshold,
    });

    const between = await json(['threshold', '--threshold', '0.5']);
    expect(between.perDay).toBeNull();
    const truth = counted(0.5);
    const rows = between.around as { threshold: number; alerts: number }[];
    const upper = rows.filter((r) => r.threshold >= 0.5).at(-1)!;
    const lower = rows.find((r) => r.threshold < 0.5)!;
    for (const alerts of [truth.alerts, between.at.alerts]) {
      expect(alerts).toBeGreaterThanOrEqual(upper.alerts);
      expect(alerts).toBeLessThanOrEqual(lower.alerts);
    }
    expect(between.at.exact).toBe(upper.threshold === 0.5);
    const text = await run(['threshold', '--threshold', '0.5']);
    expect(text.out).toMatch(/^~ +0\.5 /m);
  });
});

describe('amlops threshold on bad input', () => {
  /** Removes the alert threshold the training recorded on a version. */
  const forgetAlertThreshold = async (version: string) => {
    const stores = await openSqlStores(`sqlite:${join(home, 'amlops.db')}`, {
      artifactRoot: pathToFileURL(join(home, 'artifacts')).href,
      openArtifacts: (uri) => openArtifactStore(uri),
    });
    try {
      for (const key of ['', '.set_by', '.set_at', '.reason'])
        await stores.registry.deleteModelVersionTag(NAME, version, `amlops.alert_threshold${key}`);
    } finally {
      await stores.close();
    }
  };
  const refused = async (args: string[], env: Record<string, string> = {}) => {
    const result = await run(['threshold', ...args], env);
    return { code: result.code, error: result.err.split('\n')[0], out: result.out };
  };

  it('names a capacity of 0, a daily volume smaller than the capacity, a threshold outside [0, 1] (exit 64)', async () => {
    expect(await refused(['--capacity', '0', '--daily-volume', '20000'])).toEqual({
      code: 64,
      error:
        'error ALERT_BUDGET_INVALID: the capacity must be a positive number of cases a day; got 0 (capacity from --capacity, daily volume from --daily-volume)',
      out: '',
    });
    expect(await refused(['--capacity', '50', '--daily-volume', '20'])).toEqual({
      code: 64,
      error:
        'error ALERT_BUDGET_INVALID: the daily volume (20 cases scored a day) is smaller than the capacity (50 cases a day): the team can review every case, so no threshold is needed (capacity from --capacity, daily volume from --daily-volume)',
      out: '',
    });
    expect((await refused(['--capacity', '50'], { AMLOPS_CASES_DAILY_VOLUME: '20' })).error).toContain(
      '(capacity from --capacity, daily volume from setting cases.dailyVolume)',
    );
    expect(await refused(['--threshold', '1.5'])).toMatchObject({
      code: 64,
      error: 'error ALERT_BUDGET_INVALID: the threshold must be a score from 0 to 1; got 1.5',
    });
    expect(await refused(['--threshold', '-0.2'])).toMatchObject({ code: 64 });
    expect(await refused(['--capacity', 'fifty', '--daily-volume', '20000'])).toMatchObject({
      code: 64,
      error: "error ALERT_BUDGET_INVALID: --capacity takes a number; got 'fifty'",
    });
    expect(await refused(['--capacity', '50'])).toMatchObject({
      code: 64,
      error:
        'error ALERT_BUDGET_INVALID: a capacity of 50 cases a day needs the number of cases scored a day: give --daily-volume N or set cases.dailyVolume',
    });
    expect(await refused(['--capacity', '50', '--threshold', '0.5'])).toMatchObject({
      code: 64,
      error:
        'error USAGE: give either --capacity (to pick a threshold) or --threshold (to read one), not both',
    });
    // A version without a recorded threshold (imported, or registered before trainings recorded one).
    await forgetAlertThreshold('1');
    expect((await refused([])).error).toMatch(/^error ALERT_BUDGET_INVALID: say what to read: a capacity/);
    expect((await run(['threshold', '--capacity', '50', '--daily-volume', '20000'])).out).toMatch(
      /^alert threshold of version 1: not set \(its training's operating threshold/m,
    );
    expect(await refused([], { AMLOPS_CASES_CAPACITY_PER_DAY: '-1' })).toMatchObject({ code: 78 });
  });

  it('names a model without a production version', async () => {
    const missing = await refused([
      '--model',
      'no-such-model',
      '--capacity',
      '50',
      '--daily-volume',
      '20000',
    ]);
    expect(missing.code).toBe(66);
    expect(missing.error).toContain('error NOT_FOUND');
    expect(missing.error).toContain('no-such-model');
  });
});

describe('amlops threshold --set', () => {
  it("records the version's alert threshold with who, when and why, and shows it", async () => {
    const set = await json([
      'threshold',
      '--set',
      '0.7',
      '--reason',
      'the team reviews 50 a day',
      '--by',
      'ana',
    ]);
    expect(set).toMatchObject({
      model: { name: NAME, version: '1' },
      previous: null,
      alertThreshold: { value: 0.7, setBy: 'ana', reason: 'the team reviews 50 a day' },
      budget: { request: { threshold: 0.7 }, at: { threshold: 0.7 } },
      budgetUnavailable: null,
    });
    expect(Date.parse(set.alertThreshold.setAt)).toBeGreaterThan(Date.now() - 60_000);
    const { versions } = await json(['models', 'show', NAME]);
    const v1 = versions.find((v: { version: string }) => v.version === '1');
    expect(v1.tags).toMatchObject({
      'amlops.alert_threshold': '0.7',
      'amlops.alert_threshold.set_by': 'ana',
      'amlops.alert_threshold.set_at': set.alertThreshold.setAt,
      'amlops.alert_threshold.reason': 'the team reviews 50 a day',
    });
    expect(v1.description).toContain(
      `${set.alertThreshold.setAt} alert threshold set to 0.7 by ana: the team reviews 50 a day`,
    );

    // Without a question, the command reads the version's own threshold.
    const shown = await run(['threshold', '--daily-volume', '20000']);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain(`${NAME} version 1 (production), its alert threshold 0.7:`);
    expect(shown.out).toContain(
      `alert threshold of version 1: 0.7, set by ana at ${set.alertThreshold.setAt}: the team reviews 50 a day`,
    );
    expect(shown.out).not.toContain('to set it');

    const again = await json(['threshold', '--set', '0.75', '--reason', 'fewer false alerts', '--by', 'bo']);
    expect(again.previous).toMatchObject({ value: 0.7, setBy: 'ana' });
    const text = await run(['threshold', '--set', '0.7', '--reason', 'back', '--by', 'ana']);
    expect(text.out.split('\n')[0]).toBe(
      `alert threshold of ${NAME} version 1 set to 0.7 by ana (was 0.75): back`,
    );
  });

  it('refuses a threshold outside [0, 1] or no reason, and changes nothing', async () => {
    const before = (await json(['models', 'show', NAME])).versions.find(
      (v: { version: string }) => v.version === '1',
    );
    const outside = await run(['threshold', '--set', '2', '--reason', 'x', '--by', 'ana']);
    expect(outside.code).toBe(64);
    expect(outside.err).toContain(
      'error ALERT_BUDGET_INVALID: the threshold must be a score from 0 to 1; got 2',
    );
    const noReason = await run(['threshold', '--set', '0.5', '--by', 'ana']);
    expect(noReason.code).toBe(64);
    expect(noReason.err).toContain('error USAGE: say why the alert threshold is set with --reason');
    const after = (await json(['models', 'show', NAME])).versions.find(
      (v: { version: string }) => v.version === '1',
    );
    expect(after.tags).toEqual(before.tags);
    expect(after.description).toBe(before.description);
  });
});

describe('GET /api/v1/models/:name/versions/:version/threshold', () => {
  it('answers what amlops threshold --json prints, and sets the threshold as a recorded decision', async () => {
    const artifacts = openArtifactStore(pathToFileURL(join(home, 'artifacts')).href);
    const stores = await openSqlStores(`sqlite:${join(home, 'amlops.db')}`, {
      artifactRoot: artifacts.rootUri,
      openArtifacts: (uri) => openArtifactStore(uri),
    });
    // With the analysts' cases, as the server has them: the live side is answered too.
    const cases = await openCaseStore(`sqlite:${join(home, 'amlops.db')}`);
    const app = Fastify();
    await app.register(platformApi, {
      stores: { tracking: stores.tracking, registry: stores.registry, artifacts },
      cases,
    });
    try {
      const cli = await json(['threshold', '--capacity', '50', '--daily-volume', '20000']);
      for (const version of ['1', 'production']) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/models/${NAME}/versions/${version}/threshold?capacity=50&dailyVolume=20000`,
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual(cli);
      }
      const bad = await app.inject({
        method: 'GET',
        url: `/api/v1/models/${NAME}/versions/1/threshold?capacity=0&dailyVolume=20000`,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'ALERT_BUDGET_INVALID' });
      const set = await app.inject({
        method: 'POST',
        url: `/api/v1/models/${NAME}/versions/1/threshold`,
        payload: { threshold: 0.65, reason: 'from the API', by: 'cy' },
      });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toMatchObject({ previous: { value: 0.7 }, current: { value: 0.65, setBy: 'cy' } });
      expect((await json(['threshold'])).alertThreshold).toMatchObject({
        value: 0.65,
        reason: 'from the API',
      });
    } finally {
      await app.close();
      await cases.close();
      await stores.close();
    }
  });
});

describe('a version whose evaluation has no threshold table', () => {
  it('says so and what to run; an `amlops evaluate` of the version then answers', async () => {
    const file = await evaluationFile(trainingRun);
    const original = readFileSync(file, 'utf8');
    const old = JSON.parse(original);
    delete old.report.test.thresholdTable;
    writeFileSync(file, JSON.stringify(old));
    try {
      const missing = await run(['threshold', '--capacity', '50', '--daily-volume', '20000']);
      expect(missing.code).toBe(65);
      expect(missing.err.split('\n')[0]).toBe(
        `error THRESHOLD_TABLE_MISSING: model version ${NAME}/1 has a test evaluation (run ${trainingRun}) written before amlops kept a threshold table, so there is no threshold to pick between its few curve points: train again (amlops train --data FILE), or measure this version on labelled cases: amlops evaluate --model ${NAME}/1 --data FILE`,
      );
      expect((await run(['evaluate', '--data', 'labelled.csv'])).code).toBe(0);
      const report = await json(['threshold', '--capacity', '50', '--daily-volume', '20000']);
      expect(report.evaluation).toMatchObject({ kind: 'evaluate', data: 'labelled.csv', cases: 4000 });
      // The same cases scored by the same version: the same pick as the training's test split.
      const nearest = [...new Set(scores)]
        .sort((a, b) => b - a)
        .reduce((best, t) =>
          Math.abs(counted(t).alerts - 10) < Math.abs(counted(best).alerts - 10) ? t : best,
        );
      expect(report.at.threshold).toBe(nearest);
      const text = await run(['threshold', '--capacity', '50', '--daily-volume', '20000']);
      expect(text.out).toMatch(/measured on amlops evaluate run [0-9a-f]{32} on labelled\.csv: 4000 cases/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('names a production version without any test evaluation', async () => {
    const second = await json([
      'train',
      '--data',
      'cases.csv',
      '--params',
      '{"n_estimators":10,"max_depth":2}',
      '--no-promote',
    ]);
    const runId = second.run_id;
    rmSync(await evaluationFile(runId));
    const promoted = await run([
      'models',
      'promote',
      NAME,
      '2',
      '--reason',
      'test',
      '--by',
      'ana',
      '--force',
    ]);
    expect(promoted.code, promoted.err).toBe(0);
    const missing = await run(['threshold', '--capacity', '50', '--daily-volume', '20000']);
    expect(missing.code).toBe(65);
    expect(missing.err.split('\n')[0]).toBe(
      `error TEST_EVALUATION_MISSING: model version ${NAME}/2 has no test evaluation to read an alert budget from: its training run ${runId} has no evaluation.json; train again (amlops train --data FILE), or measure this version on labelled cases: amlops evaluate --model ${NAME}/2 --data FILE`,
    );
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { ERROR_CODES, type ErrorCode } from '../../src/core/errors/index.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { COMMANDS } from '../../src/main/commands.js';
import { TRAIN_STEPS } from '../../src/pipelines/train/train-flow.js';
import { s3Env } from '../support/s3-env.js';

/*
 * The "Bad input" requirement of the training pipeline, end to end through `amlops train`: an empty
 * file, a file with no positives, a file missing a configured column, an unreadable `s3://`
 * location each fail the run at its step with a specific message, the run is recorded as Failed
 * with that message, nothing is registered, and the production model is untouched; a preset or a
 * parameter that does not exist is refused before any run starts.
 *
 * Lives under test/stores so that the global setup starts the S3 server (s3rver). Non-numeric
 * values are covered by test/pipelines/train-flow.test.ts and are not repeated here.
 */

const MODEL = 'consumers-laundering-model';
const FAST = '{"n_estimators":5,"max_depth":2}';
const dir = mkdtempSync(join(tmpdir(), 'amlops-train-bad-input-'));

async function amlops(...args: string[]) {
  const io = memoryIo({ cwd: dir, env: { AMLOPS_HOME: join(dir, 'home') } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
}

/** Runs an `amlops … --json` command that must succeed and returns its parsed output. */
async function json<T>(...args: string[]): Promise<T> {
  const result = await amlops(...args, '--json');
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out) as T;
}

interface RecordedError {
  code: string;
  message: string;
}
interface PipelineRun {
  id: string;
  state: string;
  failedStep: string | null;
  error: RecordedError | null;
  trackingRunId: string | null;
}
interface CliError extends RecordedError {
  details?: Record<string, unknown>;
}

/** The registry, the tracking runs and the pipeline runs, as the CLI shows them. */
async function lifecycle() {
  const [{ versions }, { models }, { runs }, pipelines] = await Promise.all([
    json<{ versions: { version: string; aliases: string[]; currentStage: string }[] }>(
      'models',
      'versions',
      MODEL,
    ),
    json<{ models: { name: string; latestVersion: string | null; productionVersion: string | null }[] }>(
      'models',
      'list',
    ),
    json<{ runs: unknown[] }>('runs', 'list'),
    json<{ runs: PipelineRun[] }>('pipelines', 'list', '--flow', 'train'),
  ]);
  return {
    registry: {
      versions: versions.map((v) => ({
        version: v.version,
        aliases: [...v.aliases].sort(),
        stage: v.currentStage,
      })),
      model: models.find((m) => m.name === MODEL),
    },
    trackingRuns: runs.length,
    pipelineRuns: pipelines.runs,
  };
}

type Lifecycle = Awaited<ReturnType<typeof lifecycle>>;
/** After the good training run of beforeAll: version 1 in production. */
let trained: Lifecycle;

/**
 * Runs `amlops train … --json` on bad input and checks what every bad input must give: the exit code
 * docs/errors.md documents for `code`, that code in the --json error object, no new model version,
 * production (and every alias) where beforeAll put it, and no tracking run. Returns the error and the
 * state before and after.
 */
async function trainFails(args: string[], code: ErrorCode, exit: number) {
  const before = await lifecycle();
  const result = await amlops('train', ...args, '--json');
  expect(ERROR_CODES[code].exit).toBe(exit);
  expect(result.code, result.err).toBe(exit);
  const { error } = JSON.parse(result.err) as { error: CliError };
  expect(error.code).toBe(code);
  const after = await lifecycle();
  expect(after.registry).toEqual(trained.registry);
  expect(after.trackingRuns).toBe(trained.trackingRuns);
  return { error, before, after };
}

/**
 * A failure inside the flow: exactly one new pipeline run, recorded Failed at `step` with the error
 * the CLI printed; the steps before it Completed, none after it run.
 */
async function expectFailedRun(
  { error, before, after }: Awaited<ReturnType<typeof trainFails>>,
  step: (typeof TRAIN_STEPS)[number],
): Promise<PipelineRun> {
  const id = error.details?.pipeline_run_id as string;
  expect(error.details).toEqual({ pipeline_run_id: id, step, state: 'Failed' });
  expect(after.pipelineRuns.map((r) => r.id).sort()).toEqual(
    [...before.pipelineRuns.map((r) => r.id), id].sort(),
  );
  const shown = await json<{ run: PipelineRun; steps: { name: string; state: string; error?: unknown }[] }>(
    'pipelines',
    'show',
    id,
  );
  const { run } = shown;
  expect(run).toMatchObject({ state: 'Failed', failedStep: step, trackingRunId: null });
  expect(run.error?.code).toBe(error.code);
  expect(error.message).toBe(`training failed at step ${step}: ${run.error?.message}`);
  const ran = TRAIN_STEPS.slice(0, TRAIN_STEPS.indexOf(step) + 1);
  expect(shown.steps.map((s) => [s.name, s.state])).toEqual(
    ran.map((name) => [name, name === step ? 'Failed' : 'Completed']),
  );
  expect(shown.steps.at(-1)?.error).toEqual(run.error);
  return run;
}

/** A refusal before the flow starts: no pipeline run at all (and, checked by trainFails, no tracking run). */
function expectNoRun({ error, before, after }: Awaited<ReturnType<typeof trainFails>>): void {
  expect(error.details?.pipeline_run_id).toBeUndefined();
  expect(after.pipelineRuns).toEqual(before.pipelineRuns);
}

beforeAll(async () => {
  await writeTable(join(dir, 'cases.csv'), generateCases({ rows: 2000, seed: 9 }).frame);
  // A model in production, which no failed run may touch.
  const result = await json<{ model: { version: string; aliases: string[] } }>(
    'train',
    '--data',
    'cases.csv',
    '--params',
    FAST,
    '--promote',
  );
  expect(result.model).toMatchObject({ version: '1', aliases: ['production'] });
  trained = await lifecycle();
  expect(trained.registry.model).toMatchObject({ latestVersion: '1', productionVersion: '1' });
  expect(trained.registry.versions).toEqual([{ version: '1', aliases: ['production'], stage: 'Production' }]);
  expect(trained.trackingRuns).toBe(1);
  expect(trained.pipelineRuns).toMatchObject([{ state: 'Completed' }]);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('amlops train: bad input fails the run at its step, recorded Failed, registering nothing', () => {
  it('an empty file fails at validate with EMPTY_DATASET (exit 65)', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    const failure = await trainFails(['--data', 'empty.csv', '--params', FAST], 'DATA_INVALID', 65);
    const run = await expectFailedRun(failure, 'validate');
    expect(run.error?.message).toMatch(
      /^empty\.csv failed validation with \d+ fatal findings: EMPTY_DATASET/,
    );
    expect(run.error?.message).toContain('the file is empty: no header and no rows');
  });

  it('a file with no positives fails at validate with SINGLE_CLASS_TARGET (exit 65)', async () => {
    // Exit code and message alone are checked by test/cli/train-command.test.ts; here: the recorded run and production.
    writeFileSync(
      join(dir, 'no-positives.csv'),
      'total_income_dollar_amount,total_outcome_dollar_amount,risk_pld,conclusion\n1,2,LOW,CLOSED_NO_ROI\n3,4,HIGH,CLOSED_NO_ROI\n5,6,MEDIUM,CLOSED_NO_ROI\n',
    );
    const failure = await trainFails(['--data', 'no-positives.csv', '--params', FAST], 'DATA_INVALID', 65);
    const run = await expectFailedRun(failure, 'validate');
    expect(run.error?.message).toMatch(
      /^no-positives\.csv failed validation with 1 fatal finding: SINGLE_CLASS_TARGET/,
    );
    expect(run.error?.message).toContain(
      'every labelled row has label 0 (conclusion is always CLOSED_NO_ROI)',
    );
  });

  it('a file missing a configured column fails at validate naming the column (exit 65)', async () => {
    writeFileSync(
      join(dir, 'no-risk-pld.csv'),
      'total_income_dollar_amount,total_outcome_dollar_amount,conclusion\n1,2,CLOSED_NO_ROI\n3,4,REPORTED_TO_AUTHORITY\n',
    );
    const failure = await trainFails(['--data', 'no-risk-pld.csv', '--params', FAST], 'DATA_INVALID', 65);
    const run = await expectFailedRun(failure, 'validate');
    expect(run.error?.message).toMatch(
      /^no-risk-pld\.csv failed validation with 1 fatal finding: MISSING_COLUMN/,
    );
    expect(run.error?.message).toContain(
      "required categorical column 'risk_pld' is not in the file (setting data.categoricalColumns; the file's columns: total_income_dollar_amount, total_outcome_dollar_amount, conclusion)",
    );
  });

  it('an unreadable s3:// location fails at load naming the location (exit 66)', async () => {
    // The flow's data reader takes the S3 endpoint and credentials from the process environment.
    for (const [name, value] of Object.entries(s3Env())) vi.stubEnv(name, value);
    try {
      const url = `s3://${inject('s3').bucket}/absent/cases.csv`;
      const failure = await trainFails(['--data', url, '--params', FAST], 'FILE_NOT_FOUND', 66);
      const run = await expectFailedRun(failure, 'load');
      expect(run.error?.message).toBe(`${url} does not exist (NoSuchKey)`);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a preset that does not exist is refused before any run starts, naming it (exit 78)', async () => {
    // `--preset` sets training.preset, which the configuration checks before the flow starts:
    // no pipeline run and no tracking run are created.
    const failure = await trainFails(['--data', 'cases.csv', '--preset', 'nope'], 'CONFIG_INVALID', 78);
    expectNoRun(failure);
    expect(failure.error.message).toBe(
      `invalid value for setting training.preset (command-line flag): got "nope"; allowed: one of 'default', 'original'`,
    );
  });

  it('a parameter that does not exist is refused before any run starts, naming it (exit 64)', async () => {
    const failure = await trainFails(
      ['--data', 'cases.csv', '--params', '{"n_estimatorz":5}'],
      'MODEL_PARAM_INVALID',
      64,
    );
    expectNoRun(failure);
    expect(failure.error.message).toMatch(
      /^n_estimatorz must be a known parameter \(objective, n_estimators, /,
    );
    expect(failure.error.message).toMatch(/; got 5$/);
  });
});

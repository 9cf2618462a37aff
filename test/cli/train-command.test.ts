import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { COMMANDS } from '../../src/main/commands.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-train-cli-'));
const run = async (args: string[], env: Record<string, string> = {}) => {
  const io = memoryIo({ cwd: dir, env: { AMLOPS_HOME: join(dir, 'home'), ...env } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await writeTable(join(dir, 'cases.csv'), generateCases({ rows: 5000, seed: 9 }).frame);
  await writeTable(join(dir, 'held-out.csv'), generateCases({ rows: 1000, seed: 10 }).frame);
});

describe('amlops train', () => {
  it('--dry-run trains and evaluates but records nothing', async () => {
    const { code, out } = await run([
      'train',
      '--data',
      'cases.csv',
      '--preset',
      'original',
      '--dry-run',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.run_id).toBeNull();
    expect(result.pipeline_run_id).toBeNull();
    expect(result.model.version).toBeNull();
    expect(result.metrics.test_roc_auc).toBeGreaterThan(0.7);
    const listed = await run(['models', 'list', '--json']);
    expect(JSON.parse(listed.out)).toMatchObject({ models: [] });
  });

  it('prints the result contract with --json and exits 0 whether promoted or not', async () => {
    const { code, out } = await run([
      'train',
      '--data',
      'cases.csv',
      '--params',
      '{"n_estimators":20,"max_depth":3}',
      '--no-promote',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result).sort()).toEqual(
      [
        'experiment_id',
        'metrics',
        'model',
        'pipeline_run_id',
        'promoted',
        'promotion_reason',
        'promote_command',
        'preset_adaptation',
        'run_id',
        'segments',
        'training_cases',
      ].sort(),
    );
    // The test split by segment: the risk level, then the two amounts in bands of the train split.
    expect(result.segments.breakdowns.map((b: { column: string }) => b.column)).toEqual([
      'risk_pld',
      'total_outcome_dollar_amount',
      'total_income_dollar_amount',
    ]);
    expect(result.model).toMatchObject({
      name: 'consumers-laundering-model',
      version: '1',
      aliases: ['challenger'],
    });
    expect(result.promoted).toBe(false);
    expect(result.promotion_reason).toBe('not promoted on request (--no-promote)');
    const shown = await run(['pipelines', 'show', result.pipeline_run_id, '--json']);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('"Completed"');
    expect(shown.out).toContain(result.run_id);
  });

  it('records who trained and where the test data came from: a file of its own, or a split with its size and seed', async () => {
    const params = { n_estimators: 10, max_depth: 3 };
    const withFile = await run(
      [
        'train',
        '--data',
        'cases.csv',
        '--test-data',
        'held-out.csv',
        '--params',
        JSON.stringify(params),
        '--json',
      ],
      { AMLOPS_USER: 'ana', USER: 'root' },
    );
    expect(withFile.code, withFile.err).toBe(0);
    const fileRun = JSON.parse(
      (await run(['runs', 'show', JSON.parse(withFile.out).run_id, '--json'])).out,
    ).run;
    expect(fileRun.userId).toBe('ana');
    expect(fileRun.params).toMatchObject({ split: 'test-file', test_data: 'held-out.csv' });
    expect(fileRun.params).not.toHaveProperty('test_size');
    const shown = await run(['runs', 'show', JSON.parse(withFile.out).run_id]);
    expect(shown.out).toMatch(/^user +ana$/m);

    const split = await run(['train', '--data', 'cases.csv', '--params', JSON.stringify(params), '--json'], {
      USER: 'bob',
      AMLOPS_SPLIT_TEST_SIZE: '0.25',
    });
    expect(split.code, split.err).toBe(0);
    const splitRun = JSON.parse(
      (await run(['runs', 'show', JSON.parse(split.out).run_id, '--json'])).out,
    ).run;
    expect(splitRun.userId).toBe('bob');
    expect(splitRun.params).toMatchObject({ split: 'stratified', test_size: '0.25', split_seed: '42' });
    expect(splitRun.params).not.toHaveProperty('test_data');
  });

  it('reads several --data files as one table, and records each of them as its source', async () => {
    const trained = await run([
      'train',
      '--data',
      'cases.csv',
      'held-out.csv',
      '--params',
      '{"n_estimators":5,"max_depth":2}',
      '--no-promote',
      '--json',
    ]);
    expect(trained.code, trained.err).toBe(0);
    const result = JSON.parse(trained.out);
    const shown = JSON.parse((await run(['pipelines', 'show', result.pipeline_run_id, '--json'])).out) as {
      steps: { name: string; output: { rows?: number; source?: string } | null }[];
    };
    // 5000 rows and 1000 rows, one after the other.
    expect(shown.steps.find((s) => s.name === 'load')?.output).toMatchObject({
      rows: 6000,
      source: 'cases.csv + held-out.csv',
    });
    const recorded = JSON.parse((await run(['runs', 'show', result.run_id, '--json'])).out).run;
    expect(recorded.params.data).toBe('cases.csv + held-out.csv');
    // Repeating the option gives the same files.
    const repeated = await run([
      'train',
      '--data',
      'cases.csv',
      '--data',
      'held-out.csv',
      '--dry-run',
      '--json',
    ]);
    expect(repeated.code, repeated.err).toBe(0);
    const missing = await run(['train', '--data', 'cases.csv', 'nowhere.csv', '--dry-run']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('nowhere.csv');
  });

  it('after a training the gate did not promote, prints the command that promotes it, which asks for --force and records the override', async () => {
    const trained = await run(
      ['train', '--data', 'cases.csv', '--params', '{"n_estimators":5,"max_depth":2}'],
      {
        AMLOPS_ALERTS_MIN_TEST_ROC_AUC: '0.999',
      },
    );
    expect(trained.code, trained.err).toBe(0);
    expect(trained.out).toContain('not promoted: test ROC AUC');
    const command = /^ {2}to promote it {2}(amlops models promote .+)$/m.exec(trained.out)?.[1];
    expect(command).toMatch(/^amlops models promote consumers-laundering-model (\d+) --reason "…" --force$/);
    const version = command!.split(' ')[4]!;
    expect(trained.out).toMatch(/^ {2}aliases {8}challenger$/m);

    const refused = await run(
      ['models', 'promote', 'consumers-laundering-model', version, '--reason', 'checked by hand'],
      {
        AMLOPS_USER: 'ana',
      },
    );
    expect(refused.code).toBe(65);
    expect(refused.err).toMatch(
      /^error PROMOTION_BELOW_GATE: consumers-laundering-model version \d+ did not pass the promotion gate when it was trained \(test ROC AUC [0-9.]+ is below the alert threshold 0\.9990\); promote it anyway with --force/m,
    );
    const forced = await run(
      [
        'models',
        'promote',
        'consumers-laundering-model',
        version,
        '--reason',
        'checked by hand',
        '--force',
        '--json',
      ],
      { AMLOPS_USER: 'ana' },
    );
    expect(forced.code, forced.err).toBe(0);
    const promotion = JSON.parse(forced.out);
    expect(promotion.override).toMatch(/^test ROC AUC [0-9.]+ is below the alert threshold 0\.9990$/);
    expect(promotion.version.aliases).toEqual(['production']);
    const shown = await run(['models', 'show', 'consumers-laundering-model', '--json']);
    const versions = JSON.parse(shown.out).versions as { version: string; aliases: string[] }[];
    expect(versions.flatMap((v) => v.aliases)).not.toContain('challenger');
  });

  it('scores categories as people type them (spaces, lower case) as the trained ones, and says how many were folded', async () => {
    const original = readFileSync(join(dir, 'held-out.csv'), 'utf8');
    const spelled = original.replace(/,HIGH(,|\n)/g, ', high$1').replace(/,LOW(,|\n)/g, ',Low $1');
    const folded = (spelled.match(/, high[,\n]|,Low [,\n]/g) ?? []).length;
    expect(folded).toBeGreaterThan(100);
    writeFileSync(join(dir, 'spelled.csv'), spelled);
    const exact = await run(['score', '--input', 'held-out.csv', '--output', 'exact-scored.csv', '--json']);
    const typed = await run(['score', '--input', 'spelled.csv', '--output', 'spelled-scored.csv', '--json']);
    expect(typed.code, typed.err).toBe(0);
    expect(JSON.parse(exact.out).warnings.filter((w: string) => w.includes('risk_pld'))).toEqual([]);
    const warnings = JSON.parse(typed.out).warnings.filter((w: string) => w.includes('risk_pld'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(`^${folded} values of risk_pld matched a category once trimmed and case-folded: `),
    );
    const predictions = (file: string) =>
      readFileSync(join(dir, file), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').at(-1));
    expect(predictions('spelled-scored.csv')).toEqual(predictions('exact-scored.csv'));
  });

  it('fails the run at its step with a specific message for bad input, and registers nothing', async () => {
    const versionsOf = async () =>
      JSON.parse((await run(['models', 'versions', 'consumers-laundering-model', '--json'])).out).versions;
    const before = (await versionsOf()).length;
    writeFileSync(
      join(dir, 'one-class.csv'),
      'total_income_dollar_amount,total_outcome_dollar_amount,risk_pld,conclusion\n1,2,LOW,CLOSED_NO_ROI\n3,4,HIGH,CLOSED_NO_ROI\n',
    );
    const failed = await run(['train', '--data', 'one-class.csv', '--preset', 'original']);
    expect(failed.code).toBe(65);
    expect(failed.err).toContain('at step validate');
    expect(failed.err).toContain('SINGLE_CLASS_TARGET');
    const unknown = await run(['train', '--data', 'cases.csv', '--preset', 'fastest']);
    expect(unknown.code).toBe(78);
    expect(unknown.err).toContain('training.preset');
    expect(unknown.err).toContain("one of 'default', 'original'");
    expect(await versionsOf()).toHaveLength(before);
  });
});

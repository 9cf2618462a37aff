import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { loadConfig } from '../../src/config/index.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { COMMANDS } from '../../src/main/commands.js';
import { startScoringProcess } from '../../src/main/server.js';
import { averagePrecision, brierScore, pairwiseAuc } from '../support/pairwise-metrics.js';

/**
 * Issue 18's "done when": a new user's file, with its own column names and categories typed in
 * lower case, through init, validate, train, serve, /predict with ids, /feedback by id, live
 * performance and evaluate; every figure printed is checked against a computation of its own.
 */
const dir = mkdtempSync(join(tmpdir(), 'amlops-own-data-'));
const env = { AMLOPS_HOME: join(dir, 'home'), AMLOPS_LOG_LEVEL: 'silent', AMLOPS_USER: 'ana' };
const run = async (args: string[]) => {
  const io = memoryIo({ cwd: dir, env });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};

const HEADER = 'acct_no,opened,money_in,money_out,kyc_level,sar_filed';
/** How the bank's export spells a risk level: lower case, sometimes capitalised or padded. */
const SPELLINGS: Record<string, readonly string[]> = {
  LOW: ['low', 'low', 'Low '],
  MEDIUM: ['medium', 'medium', ' Medium'],
  HIGH: ['high', 'high', 'HIGH'],
};

interface OwnRow {
  readonly acct: string;
  readonly cells: string;
  readonly label: 0 | 1;
}

/** Generated cases in the bank's own shape: its names, its spellings, Y/N conclusions. */
async function bankExport(file: string, rows: number, seed: number, prefix: string): Promise<OwnRow[]> {
  await writeTable(join(dir, 'generated.csv'), generateCases({ rows, seed }).frame);
  const [header, ...lines] = readFileSync(join(dir, 'generated.csv'), 'utf8').trim().split('\n');
  expect(header).toBe(
    'case_id,user_id,alert_date,total_income_dollar_amount,total_outcome_dollar_amount,risk_pld,conclusion',
  );
  const own = lines.map((line, i): OwnRow => {
    const [, , date, income, outcome, risk, conclusion] = line.split(',');
    const kyc = risk ? SPELLINGS[risk]![i % 3]! : '';
    const label = conclusion === 'CLOSED_NO_ROI' ? 0 : 1;
    const acct = `${prefix}-${String(i + 1).padStart(5, '0')}`;
    return { acct, cells: [acct, date, income, outcome, kyc].join(','), label };
  });
  writeFileSync(
    join(dir, file),
    `${[HEADER, ...own.map((r) => `${r.cells},${r.label ? 'Y' : 'N'}`)].join('\n')}\n`,
  );
  return own;
}

let training: OwnRow[];
let holdout: OwnRow[];
beforeAll(async () => {
  training = await bankExport('accounts.csv', 6000, 41, 'A');
  holdout = await bankExport('holdout.csv', 1500, 42, 'H');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a new user's own file, from amlops init to live performance", () => {
  it('maps, validates, trains, serves, takes feedback by id and evaluates, with figures that add up', async () => {
    // init: the roles are read from the names and contents, and written to amlops.config.json.
    const init = await run(['init', '--data', 'accounts.csv', '--yes']);
    expect(init.code, init.err).toBe(0);
    const { config } = loadConfig({ cwd: dir, env });
    expect({
      target: config['data.targetColumn'],
      negative: config['data.negativeValue'],
      positives: config['data.positiveValues'],
      id: config['data.idColumn'],
      numeric: config['data.numericColumns'],
      income: config['data.incomeColumn'],
      outcome: config['data.outcomeColumn'],
      categorical: config['data.categoricalColumns'],
    }).toEqual({
      target: 'sar_filed',
      negative: 'N',
      positives: ['Y'],
      id: 'acct_no',
      numeric: ['money_in', 'money_out'],
      income: 'money_in',
      outcome: 'money_out',
      categorical: ['kyc_level'],
    });
    expect(init.out).toMatch(/not used: opened \(dates\)/);

    // validate: its counts are the file's.
    const positives = training.filter((r) => r.label === 1).length;
    const validate = await run(['validate', '--data', 'accounts.csv', '--json']);
    expect(validate.code, validate.err).toBe(0);
    expect(JSON.parse(validate.out)).toMatchObject({
      ok: true,
      rows: 6000,
      labels: { positive: positives, negative: 6000 - positives },
    });

    // train: the domain features follow the roles; the split adds up to the file.
    const trained = await run(['train', '--data', 'accounts.csv', '--promote', '--json']);
    expect(trained.code, trained.err).toBe(0);
    const result = JSON.parse(trained.out);
    expect(result.promoted).toBe(true);
    expect(result.metrics.train_rows + result.metrics.test_rows).toBe(6000);
    expect(result.metrics.train_positives + result.metrics.test_positives).toBe(positives);
    const shown = JSON.parse((await run(['runs', 'show', result.run_id, '--json'])).out).run;
    expect(shown.userId).toBe('ana');
    const pipeline = (await run(['pipelines', 'show', result.pipeline_run_id, '--json'])).out;
    const steps = JSON.parse(pipeline).steps as { name: string; output: Record<string, unknown> }[];
    const output = (name: string) => steps.find((step) => step.name === name)!.output;
    // 115 positives: the default preset adapted to small data, and said so.
    expect(result.preset_adaptation).toBe(output('search').adaptation);
    expect(output('search').adaptation).toBe(
      `small data: ${result.metrics.train_positives} positives in ${result.metrics.train_rows} training rows (fewer than 1000 of a class)`,
    );
    // The derived features read the columns the roles name; the categories are the folded spellings.
    expect(output('fit').features).toEqual([
      'kyc_level=high',
      'kyc_level=low',
      'kyc_level=medium',
      'log_outflow_inflow_ratio',
      'money_in',
      'money_out',
      'net_flow',
    ]);

    // serve: /predict with the bank's ids and spellings; the same numbers as amlops score.
    const sample = holdout.slice(0, 300);
    const { config: served } = loadConfig({ cwd: dir, env: { ...env, AMLOPS_PORT: '0' } });
    const server = await startScoringProcess(served, { cwd: dir, version: '0.0.0-test' });
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    let predictions: number[];
    try {
      const columns = sample.map((r) => r.cells.split(','));
      const predicted = await post('/predict', {
        acct_no: columns.map((c) => c[0]),
        money_in: columns.map((c) => (c[2] === '' ? null : Number(c[2]))),
        money_out: columns.map((c) => (c[3] === '' ? null : Number(c[3]))),
        kyc_level: columns.map((c) => (c[4] === '' ? null : c[4])),
      });
      expect(predicted.status, await predicted.clone().text()).toBe(200);
      const answer = (await predicted.json()) as { predictions: number[]; warnings: { code: string }[] };
      predictions = answer.predictions;
      // Folded spellings (' Medium', 'Low ', 'HIGH') are told, not scored as missing.
      expect(answer.warnings.map((w) => w.code)).not.toContain('UNSEEN_CATEGORY');

      // feedback by the bank's own id, for every case, with the bank's Y/N.
      for (const row of sample) {
        const response = await post('/feedback', { case_id: row.acct, conclusion: row.label ? 'Y' : 'N' });
        expect(response.status, await response.clone().text()).toBe(201);
      }
    } finally {
      await server.shutdown();
    }
    writeFileSync(
      join(dir, 'sample.csv'),
      `${[HEADER, ...sample.map((r) => `${r.cells},${r.label ? 'Y' : 'N'}`)].join('\n')}\n`,
    );
    expect((await run(['score', '--input', 'sample.csv', '--output', 'sample-scored.csv'])).code).toBe(0);
    const scoredSample = predictionColumn('sample-scored.csv');
    // The scored file keeps 8 decimals.
    expect(scoredSample).toHaveLength(300);
    for (const [i, p] of scoredSample.entries()) expect(predictions[i]).toBeCloseTo(p, 7);

    // live performance: the concluded cases' figures, computed again from the answers and labels.
    const sampleLabels = sample.map((r) => r.label);
    const live = JSON.parse((await run(['predictions', 'performance', '--json'])).out);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({
      modelVersion: result.model.version,
      labelled: 300,
      positives: sampleLabels.filter((y) => y === 1).length,
    });
    expect(live[0].rocAuc).toBeCloseTo(pairwiseAuc(sampleLabels, predictions).auc, 9);
    expect(live[0].averagePrecision).toBeCloseTo(averagePrecision(sampleLabels, predictions), 9);
    expect(live[0].brierScore).toBeCloseTo(brierScore(sampleLabels, predictions), 9);

    // evaluate: the holdout file's figures against its scores from amlops score.
    const evaluated = await run(['evaluate', '--data', 'holdout.csv', '--json']);
    expect(evaluated.code, evaluated.err).toBe(0);
    const report = JSON.parse(evaluated.out);
    const e = report.evaluation;
    expect((await run(['score', '--input', 'holdout.csv', '--output', 'holdout-scored.csv'])).code).toBe(0);
    const scores = predictionColumn('holdout-scored.csv');
    const labels = holdout.map((r) => r.label);
    expect(e.rows).toBe(1500);
    expect(e.positives).toBe(labels.filter((y) => y === 1).length);
    const auc = pairwiseAuc(labels, scores);
    expect(e.rocAuc).toBeCloseTo(auc.auc, 9);
    expect(e.rocAucInterval.lower).toBeCloseTo(auc.lower, 9);
    expect(e.rocAucInterval.upper).toBeCloseTo(auc.upper, 9);
    expect(e.brier).toBeCloseTo(brierScore(labels, scores), 9);
    const alerted = scores.map((s) => s >= report.threshold.value);
    const hits = alerted.filter((a, i) => a && labels[i] === 1).length;
    expect(e.confusion.precision).toBeCloseTo(hits / alerted.filter(Boolean).length, 9);
    expect(e.confusion.recall).toBeCloseTo(hits / e.positives, 9);
  });
});

/** The `prediction` column of a scored CSV. */
function predictionColumn(file: string): number[] {
  const [header, ...lines] = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const at = header!.split(',').indexOf('prediction');
  return lines.map((line) => Number(line.split(',')[at]));
}

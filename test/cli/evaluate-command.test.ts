import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import { COMMANDS } from '../../src/main/commands.js';
import { pairwiseAuc } from '../support/pairwise-metrics.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-evaluate-cli-'));
const run = async (args: string[], env: Record<string, string> = {}) => {
  const io = memoryIo({ cwd: dir, env: { AMLOPS_HOME: join(dir, 'home'), ...env } });
  const code = await runCli(['node', 'amlops', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
};

/** The CSV's cells by column name. */
function csvColumns(file: string): Record<string, string[]> {
  const [header, ...lines] = readFileSync(join(dir, file), 'utf8').trim().split('\n');
  const names = header!.split(',');
  const columns: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of lines)
    line.split(',').forEach((cell, i) => {
      columns[names[i]!]!.push(cell);
    });
  return columns;
}

beforeAll(async () => {
  await writeTable(join(dir, 'cases.csv'), generateCases({ rows: 5000, seed: 21 }).frame);
  await writeTable(join(dir, 'labelled.csv'), generateCases({ rows: 2000, seed: 22 }).frame);
  const trained = await run([
    'train',
    '--data',
    'cases.csv',
    '--params',
    '{"n_estimators":20,"max_depth":3}',
    '--promote',
  ]);
  expect(trained.code, trained.err).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('amlops evaluate', () => {
  it("measures the production version on a labelled file as an independent computation does, at its training's threshold, recorded as a run", async () => {
    const evaluated = await run(['evaluate', '--data', 'labelled.csv', '--output', 'report.json', '--json'], {
      AMLOPS_USER: 'ana',
    });
    expect(evaluated.code, evaluated.err).toBe(0);
    const report = JSON.parse(evaluated.out);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual({
      ...report,
      warnings: undefined,
    });
    expect(report.model).toEqual({ name: 'consumers-laundering-model', version: '1' });
    expect(report.threshold.source).toBe('training');

    // The same version's scores of the same file, from amlops score; the labels from the file itself.
    expect((await run(['score', '--input', 'labelled.csv', '--output', 'scored.csv'])).code).toBe(0);
    const scored = csvColumns('scored.csv');
    const scores = scored.prediction!.map(Number);
    const labels = scored.conclusion!.map((c) => (c === 'CLOSED_NO_ROI' ? 0 : 1));
    const positives = labels.filter((y) => y === 1).length;
    const e = report.evaluation;
    expect(e.rows).toBe(2000);
    expect(e.positives).toBe(positives);
    const expected = pairwiseAuc(labels, scores);
    expect(e.rocAuc).toBeCloseTo(expected.auc, 6);
    expect(e.rocAucInterval.lower).toBeCloseTo(expected.lower, 6);
    expect(e.rocAucInterval.upper).toBeCloseTo(expected.upper, 6);
    const t = report.threshold.value;
    const alerted = scores.map((s) => s >= t);
    const truePositives = alerted.filter((a, i) => a && labels[i] === 1).length;
    const alerts = alerted.filter(Boolean).length;
    expect(e.confusion.precision).toBeCloseTo(truePositives / alerts, 9);
    expect(e.confusion.recall).toBeCloseTo(truePositives / positives, 9);
    const brier = scores.reduce((s, p, i) => s + (p - labels[i]!) ** 2, 0) / scores.length;
    expect(e.brier).toBeCloseTo(brier, 6);

    const recorded = JSON.parse((await run(['runs', 'show', report.runId, '--json'])).out).run;
    expect(recorded.userId).toBe('ana');
    expect(recorded.tags['amlops.flow']).toBe('evaluate');
    expect(recorded.params).toMatchObject({
      data: 'labelled.csv',
      model_version: '1',
      threshold_source: 'training',
    });
    expect(recorded.metrics.roc_auc).toBeCloseTo(e.rocAuc, 12);
    expect(recorded.metrics.roc_auc_lower).toBeCloseTo(e.rocAucInterval.lower, 12);

    const text = await run(['evaluate', '--data', 'labelled.csv', '--no-record']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain(
      `consumers-laundering-model version 1 on labelled.csv: 2000 cases, ${positives} positive`,
    );
    expect(text.out).toMatch(/^ROC AUC +0\.\d{4} \(95% interval 0\.\d{4} to 0\.\d{4}\)$/m);
    expect(text.out).not.toContain('recorded as run');
  });

  it('names the target setting when the file has no conclusions, and refuses a single class', async () => {
    writeFileSync(
      join(dir, 'unlabelled.csv'),
      'total_income_dollar_amount,total_outcome_dollar_amount,risk_pld\n1,2,LOW\n',
    );
    const unlabelled = await run(['evaluate', '--data', 'unlabelled.csv']);
    expect(unlabelled.code).toBe(65);
    expect(unlabelled.err).toContain('error DATA_INVALID: unlabelled.csv failed validation');
    expect(unlabelled.err).toContain(
      "required target column 'conclusion' is not in the file (setting data.targetColumn; the file's columns: total_income_dollar_amount, total_outcome_dollar_amount, risk_pld)",
    );
    writeFileSync(
      join(dir, 'one-class.csv'),
      'total_income_dollar_amount,total_outcome_dollar_amount,risk_pld,conclusion\n1,2,LOW,CLOSED_NO_ROI\n3,4,HIGH,CLOSED_NO_ROI\n',
    );
    const oneClass = await run(['evaluate', '--data', 'one-class.csv']);
    expect(oneClass.code).toBe(65);
    expect(oneClass.err).toContain('SINGLE_CLASS_TARGET');
  });
});

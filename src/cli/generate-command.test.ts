import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../main/commands.js';
import { memoryIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function generate(...args: string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await runCli(['node', 'amlops', 'generate', ...args], io, COMMANDS, '0.0.0');
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('amlops generate', () => {
  it('writes the cases and the truth, and prints the positive rate and the best ROC AUC', async () => {
    const { code, out } = await generate(
      '--rows',
      '5000',
      '--seed',
      '7',
      '--out',
      'cases.csv',
      '--truth',
      'truth.csv',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/wrote 5000 cases to .*cases\.csv in \d+\.\d s/);
    expect(out).toMatch(/positives +\d+ \(\d\.\d\d%\)/);
    expect(out).toMatch(/best ROC AUC +0\.9\d{3}/);
    const cases = readFileSync(join(dir, 'cases.csv'), 'utf8').trimEnd().split('\n');
    expect(cases[0]).toBe(
      'case_id,user_id,alert_date,total_income_dollar_amount,total_outcome_dollar_amount,risk_pld,conclusion',
    );
    expect(cases).toHaveLength(5001);
    const truth = readFileSync(join(dir, 'truth.csv'), 'utf8').trimEnd().split('\n');
    expect(truth[0]).toBe('case_id,true_probability');
    expect(truth[1]).toMatch(/^C000001,0\.\d+/);
    expect(truth).toHaveLength(5001);
  });

  it('prints one JSON object with --json, the same file for the same seed, and writes Parquet', async () => {
    const first = await generate(
      '--rows',
      '2000',
      '--seed',
      '3',
      '--out',
      'a.parquet',
      '--json',
      '--drift',
      '0.5',
    );
    expect(first.code).toBe(0);
    const report = JSON.parse(first.out);
    expect(report).toMatchObject({
      rows: 2000,
      truth: null,
      options: { seed: 3, drift: 0.5, missingRate: 0 },
    });
    expect(report.positives / 2000).toBeCloseTo(report.positiveRate, 10);
    expect(report.bestRocAuc).toBeGreaterThan(0.8);
    expect(typeof report.seconds).toBe('number');
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, 'a.parquet')) });
    expect(rows).toHaveLength(2000);
    await generate('--rows', '2000', '--seed', '3', '--out', 'b.csv', '--drift', '0.5');
    await generate('--rows', '2000', '--seed', '3', '--out', 'c.csv', '--drift', '0.5');
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe(readFileSync(join(dir, 'c.csv'), 'utf8'));
  });

  it('writes messy data when asked', async () => {
    const { code } = await generate(
      '--rows',
      '4000',
      '--out',
      'messy.csv',
      '--missing-rate',
      '0.2',
      '--unseen-rate',
      '0.5',
    );
    expect(code).toBe(0);
    const text = readFileSync(join(dir, 'messy.csv'), 'utf8');
    expect(text).toMatch(/,CRITICAL,/);
    expect(text).toMatch(/,,/);
  });

  const invalid: [string[], RegExp][] = [
    [['--rows', '0'], /--rows must be a positive integer; got '0'/],
    [['--rows', '2.5'], /--rows must be a positive integer; got '2.5'/],
    [['--rows', 'many'], /--rows must be a positive integer/],
    [['--seed', '-1'], /--seed must be an integer between 0 and 4294967295; got '-1'/],
    [['--missing-rate', '1.5'], /--missing-rate must be a number between 0 and 1; got '1.5'/],
    [['--unseen-rate', '-0.1'], /--unseen-rate must be a number between 0 and 1/],
    [['--duplicate-rate', 'x'], /--duplicate-rate must be a number between 0 and 1/],
    [['--drift', '2'], /--drift must be a number between 0 and 1; got '2'/],
  ];
  for (const [args, message] of invalid) {
    it(`refuses ${args.join(' ')} with USAGE`, async () => {
      const { code, err } = await generate('--out', 'x.csv', ...args);
      expect(code).toBe(64);
      expect(err).toMatch(/error USAGE: /);
      expect(err).toMatch(message);
    });
  }

  it('refuses an unknown extension with USAGE, naming the flag', async () => {
    const { code, err } = await generate('--rows', '10', '--out', 'cases.xlsx');
    expect(code).toBe(64);
    expect(err).toMatch(/USAGE: --out cases\.xlsx: unknown file extension/);
    const truth = await generate('--rows', '10', '--out', 'cases.csv', '--truth', 'truth.txt');
    expect(truth.err).toMatch(/--truth truth\.txt: unknown file extension/);
  });
});

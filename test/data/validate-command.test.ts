import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { COMMANDS } from '../../src/main/commands.js';
import { HEADER, tempDir, validCsv } from './data-test-kit.js';

const temp = tempDir('validate-cli');
afterAll(() => temp.remove());

async function validate(...args: string[]) {
  const io = memoryIo({ cwd: temp.dir });
  const code = await runCli(['node', 'amlops', 'validate', ...args], io, COMMANDS, '0.0.0-test');
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('amlops validate', () => {
  temp.write('good.csv', validCsv());
  temp.write(
    'bad.csv',
    [
      HEADER,
      '1,-3,HIGH,CLOSED_NO_ROI',
      'abc,2,LOW,SAR_FILED',
      '5,5,,CLOSED_NO_ROI',
      '5,5,,CLOSED_NO_ROI',
    ].join('\n'),
  );

  it('prints one line per finding and a summary, and exits 0 for a valid file (path relative to cwd)', async () => {
    const { code, out } = await validate('--data', 'good.csv');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      'ok: good.csv: 5 rows, 4 columns, labels 3 negative / 2 positive (40.0% positive); 0 fatal, 0 warning, 0 info',
    );
  });

  it('prints every finding with severity and path, and exits 65 (DATA_INVALID) when one is fatal', async () => {
    const { code, out, err } = await validate('--data', 'bad.csv');
    expect(code).toBe(65);
    expect(out).toContain(
      "fatal    total_income_dollar_amount: 1 negative amount in total_income_dollar_amount: line 2 '-3' [NEGATIVE_AMOUNT]",
    );
    expect(out).toContain(
      "fatal    total_outcome_dollar_amount: 1 non-numeric value in total_outcome_dollar_amount: line 3 'abc' [NON_NUMERIC_VALUE]",
    );
    expect(out).toMatch(
      /^warning {2}conclusion: 1 row with a conclusion .*'SAR_FILED' 1 \[UNKNOWN_TARGET_VALUE\]$/m,
    );
    expect(out).toMatch(
      /^warning {2}\(dataset\): 1 row repeats an earlier row in every column: line 5 \[DUPLICATE_ROWS\]$/m,
    );
    expect(out).toMatch(/^info {5}risk_pld: 50\.0% missing in risk_pld \(2 of 4 rows\) \[MISSING_VALUES\]$/m);
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      'INVALID: bad.csv: 4 rows, 4 columns, labels 3 negative / 1 positive (25.0% positive); 2 fatal, 2 warning, 2 info',
    );
    expect(err).toMatch(
      /^error DATA_INVALID: bad\.csv failed validation with 2 fatal findings: NON_NUMERIC_VALUE, NEGATIVE_AMOUNT/,
    );
  });

  it('prints {ok, rows, columns, labels, findings} with --json', async () => {
    const good = await validate('--data', 'good.csv', '--json');
    expect(good.code).toBe(0);
    const report = JSON.parse(good.out);
    expect(report).toMatchObject({
      ok: true,
      file: 'good.csv',
      rows: 5,
      columns: 4,
      labels: {
        negative: 3,
        positive: 2,
        missing: 0,
        byValue: { CLOSED_NO_ROI: 3, CLOSED_WITH_ROI: 1, REPORTED_TO_AUTHORITY: 1 },
      },
      findings: [],
    });
    const bad = await validate('--data', 'bad.csv', '--json');
    expect(bad.code).toBe(65);
    const badReport = JSON.parse(bad.out);
    expect(badReport.ok).toBe(false);
    expect(badReport.findings.map((f: { code: string }) => f.code)).toEqual([
      'NON_NUMERIC_VALUE',
      'NEGATIVE_AMOUNT',
      'UNKNOWN_TARGET_VALUE',
      'DUPLICATE_ROWS',
      'MISSING_VALUES',
      'MISSING_VALUES',
    ]);
    expect(JSON.parse(bad.err).error.code).toBe('DATA_INVALID');
  });

  it('accepts a file without the target column with --unlabeled', async () => {
    temp.write(
      'to-score.jsonl',
      '{"total_outcome_dollar_amount": 1, "total_income_dollar_amount": 2, "risk_pld": "LOW"}\n',
    );
    expect((await validate('--data', 'to-score.jsonl')).code).toBe(65);
    const { code, out } = await validate('--data', 'to-score.jsonl', '--unlabeled');
    expect(code).toBe(0);
    expect(out).toContain('1 rows, 3 columns, no target column');
  });

  it('exits 66 (FILE_NOT_FOUND) for a missing file and 65 for an unsupported format or malformed content', async () => {
    const missing = await validate('--data', 'nope.csv');
    expect(missing.code).toBe(66);
    expect(missing.err).toMatch(/error FILE_NOT_FOUND: .*nope\.csv does not exist/);
    temp.write('cases.xlsx', 'x');
    const unsupported = await validate('--data', 'cases.xlsx');
    expect(unsupported.code).toBe(65);
    expect(unsupported.err).toMatch(/error DATA_FORMAT_UNSUPPORTED/);
    temp.write('broken.csv', `${HEADER}\n1,2,"HIGH,CLOSED_NO_ROI\n`);
    const broken = await validate('--data', 'broken.csv');
    expect(broken.code).toBe(65);
    expect(broken.err).toMatch(
      /error DATA_PARSE_FAILED: .*broken\.csv: line 2: a quoted field is not closed/,
    );
  });

  it('requires --data (usage error, exit 64)', async () => {
    const { code, err } = await validate();
    expect(code).toBe(64);
    expect(err).toMatch(/--data/);
  });
});

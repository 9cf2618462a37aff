import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/adapters/data/read-table.js';
import { DATASET_FINDING_CODES, UNKNOWN_LABEL } from '../../src/core/dataset/index.js';
import type { Finding } from '../../src/core/findings/index.js';
import type { NumericColumn } from '../../src/core/frame/index.js';
import { loadDataset } from '../../src/services/load-dataset.js';
import { validateDatasetFile } from '../../src/services/validate-dataset-file.js';
import { DEFAULT_SCHEMA, HEADER, tempDir, validCsv } from './data-test-kit.js';

const temp = tempDir('validate');
afterAll(() => temp.remove());

let fileCount = 0;
async function validate(csv: string, options: { requireTarget?: boolean } = {}) {
  return validateDatasetFile(
    { readTable },
    temp.write(`case-${fileCount++}.csv`, csv),
    DEFAULT_SCHEMA,
    options,
  );
}
const byCode = (findings: readonly Finding[], code: string): Finding[] =>
  findings.filter((f) => f.code === code);
const only = (findings: readonly Finding[], code: string): Finding => {
  const found = byCode(findings, code);
  expect(found, `exactly one ${code} in ${JSON.stringify(findings.map((f) => f.code))}`).toHaveLength(1);
  return found[0]!;
};

describe('dataset validation', () => {
  it('accepts a valid file: no fatal finding, typed columns, labels derived from the conclusion', async () => {
    const result = await validate(validCsv());
    expect(result.ok).toBe(true);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.summary).toMatchObject({ rows: 5, columns: 4 });
    expect(result.summary.labels).toMatchObject({ negative: 3, positive: 2, missing: 0, positiveRate: 0.4 });
    expect([...result.labels!]).toEqual([1, 0, 0, 1, 0]);
    const income = result.frame.get('total_income_dollar_amount') as NumericColumn;
    expect([...income.values]).toEqual([1305.06, 20, 300, 44.1, 8]);
    expect(result.frame.get('risk_pld')).toMatchObject({
      kind: 'categorical',
      categories: ['HIGH', 'LOW', 'MEDIUM'],
    });
  });

  it('missing required column: fatal MISSING_COLUMN naming the column and its role', async () => {
    const result = await validate(
      'total_outcome_dollar_amount,risk_pld,conclusion\n1,HIGH,CLOSED_NO_ROI\n2,LOW,X\n',
    );
    const finding = only(result.findings, 'MISSING_COLUMN');
    expect(finding).toMatchObject({ path: 'total_income_dollar_amount', severity: 'fatal' });
    expect(finding.message).toMatch(
      /required numeric column 'total_income_dollar_amount' is not in the file/,
    );
    expect(result.ok).toBe(false);
  });

  it('missing target column: fatal for training data, accepted for data to score', async () => {
    const csv = 'total_outcome_dollar_amount,total_income_dollar_amount,risk_pld\n1,2,HIGH\n';
    const training = await validate(csv);
    expect(only(training.findings, 'MISSING_COLUMN')).toMatchObject({
      path: 'conclusion',
      severity: 'fatal',
    });
    const scoring = await validate(csv, { requireTarget: false });
    expect(scoring.ok).toBe(true);
    expect(scoring.labels).toBeUndefined();
  });

  it('empty dataset: fatal EMPTY_DATASET for a header alone and for an empty file', async () => {
    const headerOnly = await validate(`${HEADER}\n`);
    expect(only(headerOnly.findings, 'EMPTY_DATASET')).toMatchObject({ severity: 'fatal', path: '' });
    expect(headerOnly.findings.map((f) => f.code)).toEqual(['EMPTY_DATASET']);
    const empty = await validate('');
    expect(only(empty.findings, 'EMPTY_DATASET').message).toMatch(/no header and no rows/);
    expect(empty.ok).toBe(false);
  });

  it('non-numeric text in a numeric column: fatal, with the count and the first examples by line', async () => {
    const rows = ['12,5', 'abc', '$5', '1', '2', 'n/a', 'x', 'y'].map(
      (amount, i) => `"${amount}",1,HIGH,${i % 2 ? 'CLOSED_NO_ROI' : 'CLOSED_WITH_ROI'}`,
    );
    const result = await validate([HEADER, ...rows].join('\n'));
    const finding = only(result.findings, 'NON_NUMERIC_VALUE');
    expect(finding).toMatchObject({ path: 'total_outcome_dollar_amount', severity: 'fatal', value: 6 });
    // Line numbers count the header as line 1: the first data row is line 2.
    expect(finding.message).toBe(
      "6 non-numeric values in total_outcome_dollar_amount: line 2 '12,5', line 3 'abc', line 4 '$5', line 7 'n/a', line 8 'x', …",
    );
    expect(finding.details).toMatchObject({
      positionKind: 'line',
      examples: [{ line: 2, text: '12,5' }, { line: 3 }, { line: 4 }, { line: 7 }, { line: 8 }],
    });
  });

  it('negative amounts: fatal NEGATIVE_AMOUNT with the count and the rows', async () => {
    const result = await validate(
      [HEADER, '1,-3,HIGH,CLOSED_NO_ROI', '1,2,LOW,CLOSED_WITH_ROI', '-0.01,2,LOW,CLOSED_NO_ROI'].join('\n'),
    );
    const findings = byCode(result.findings, 'NEGATIVE_AMOUNT');
    expect(findings.map((f) => [f.path, f.value, f.message])).toEqual([
      ['total_outcome_dollar_amount', 1, "1 negative amount in total_outcome_dollar_amount: line 4 '-0.01'"],
      ['total_income_dollar_amount', 1, "1 negative amount in total_income_dollar_amount: line 2 '-3'"],
    ]);
    expect(findings.every((f) => f.severity === 'fatal' && f.threshold === 0)).toBe(true);
  });

  it('NaN or Infinity written out: fatal NON_FINITE_VALUE, not a silent missing value', async () => {
    const result = await validate(
      [HEADER, 'NaN,1,HIGH,CLOSED_NO_ROI', 'Infinity,2,LOW,CLOSED_WITH_ROI', '-inf,2,LOW,CLOSED_NO_ROI'].join(
        '\n',
      ),
    );
    const finding = only(result.findings, 'NON_FINITE_VALUE');
    expect(finding).toMatchObject({ path: 'total_outcome_dollar_amount', severity: 'fatal', value: 3 });
    expect(finding.message).toMatch(/line 2 'NaN', line 3 'Infinity', line 4 '-inf'/);
    expect(byCode(result.findings, 'NON_NUMERIC_VALUE')).toEqual([]);
  });

  it('a target with a single class: fatal SINGLE_CLASS_TARGET', async () => {
    const result = await validate([HEADER, '1,1,HIGH,CLOSED_NO_ROI', '2,2,LOW,CLOSED_NO_ROI'].join('\n'));
    const finding = only(result.findings, 'SINGLE_CLASS_TARGET');
    expect(finding).toMatchObject({ path: 'conclusion', severity: 'fatal', value: 0 });
    expect(finding.message).toMatch(/every labelled row has label 0/);
    const allPositive = await validate([HEADER, '1,1,HIGH,CLOSED_WITH_ROI', '2,2,LOW,SAR_FILED'].join('\n'));
    expect(only(allPositive.findings, 'SINGLE_CLASS_TARGET').value).toBe(1);
  });

  it('a conclusion neither negative nor a known positive: a warning with counts per value, label 1', async () => {
    const result = await validate(
      [
        HEADER,
        '1,1,HIGH,CLOSED_NO_ROI',
        '2,2,LOW,SAR_FILED',
        '3,3,LOW,SAR_FILED',
        '4,4,LOW,ESCALATED',
        '5,5,LOW,CLOSED_WITH_ROI',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    const finding = only(result.findings, 'UNKNOWN_TARGET_VALUE');
    expect(finding).toMatchObject({ severity: 'warning', path: 'conclusion', value: 3 });
    expect(finding.details).toMatchObject({ values: { SAR_FILED: 2, ESCALATED: 1 } });
    expect(finding.message).toMatch(/'SAR_FILED' 2, 'ESCALATED' 1/);
    expect([...result.labels!]).toEqual([0, 1, 1, 1, 1]);
  });

  it('a row without a conclusion: fatal MISSING_TARGET (the original would have called it laundering)', async () => {
    const result = await validate(
      [HEADER, '1,1,HIGH,CLOSED_NO_ROI', '2,2,LOW,', '3,3,LOW,CLOSED_WITH_ROI'].join('\n'),
    );
    const finding = only(result.findings, 'MISSING_TARGET');
    expect(finding).toMatchObject({ severity: 'fatal', value: 1 });
    expect(finding.message).toMatch(/line 3/);
    expect(result.labels![1]).toBe(UNKNOWN_LABEL);
  });

  it('empty cells are missing values, reported as info with the rate per column', async () => {
    const result = await validate(
      [
        HEADER,
        ',1,,CLOSED_NO_ROI',
        '2,2,LOW,CLOSED_WITH_ROI',
        ',3,,CLOSED_NO_ROI',
        '4,4,HIGH,CLOSED_WITH_ROI',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    const missing = byCode(result.findings, 'MISSING_VALUES');
    expect(missing.map((f) => [f.path, f.severity, f.value])).toEqual([
      ['total_outcome_dollar_amount', 'info', 0.5],
      ['risk_pld', 'info', 0.5],
    ]);
    expect(missing[0]!.message).toBe('50.0% missing in total_outcome_dollar_amount (2 of 4 rows)');
    const outcome = result.frame.get('total_outcome_dollar_amount') as NumericColumn;
    expect(Number.isNaN(outcome.values[0]!)).toBe(true);
    expect(result.summary.missing).toMatchObject({
      total_outcome_dollar_amount: 2,
      risk_pld: 2,
      conclusion: 0,
    });
  });

  it('duplicated rows: a warning with the count and the lines that repeat', async () => {
    const result = await validate(
      [
        HEADER,
        '1,1,HIGH,CLOSED_NO_ROI',
        '2,2,LOW,CLOSED_WITH_ROI',
        '1,1,HIGH,CLOSED_NO_ROI',
        '1.0,1,HIGH,CLOSED_NO_ROI',
        ',,,CLOSED_NO_ROI',
        ',,,CLOSED_NO_ROI',
      ].join('\n'),
    );
    const finding = only(result.findings, 'DUPLICATE_ROWS');
    expect(finding).toMatchObject({ severity: 'warning', value: 3 });
    expect(finding.details).toEqual({
      examples: [
        { line: 4, repeats: 2 },
        { line: 5, repeats: 2 },
        { line: 7, repeats: 6 },
      ],
    });
    expect(result.ok).toBe(true);
  });

  it('keeps other columns as carried text, and a carried id makes rows distinct', async () => {
    const result = await validate(
      [
        'case_id,total_outcome_dollar_amount,total_income_dollar_amount,risk_pld,conclusion',
        'c1,1,1,HIGH,CLOSED_NO_ROI',
        'c2,1,1,HIGH,CLOSED_WITH_ROI',
        ',1,1,HIGH,CLOSED_WITH_ROI',
      ].join('\n'),
    );
    expect(result.frame.get('case_id')).toEqual({
      kind: 'text',
      name: 'case_id',
      values: ['c1', 'c2', null],
    });
    expect(byCode(result.findings, 'DUPLICATE_ROWS')).toEqual([]);
  });

  it('numbers Parquet findings by row (the first row is row 1)', async () => {
    const path = `${temp.dir}/negative.parquet`;
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: 'total_outcome_dollar_amount', data: [1, 2, -5], type: 'DOUBLE' },
        { name: 'total_income_dollar_amount', data: [1, 2, 3], type: 'DOUBLE' },
        { name: 'risk_pld', data: ['HIGH', null, 'LOW'], type: 'STRING' },
        { name: 'conclusion', data: ['CLOSED_NO_ROI', 'CLOSED_WITH_ROI', 'CLOSED_NO_ROI'], type: 'STRING' },
      ],
    });
    const result = await validateDatasetFile({ readTable }, path, DEFAULT_SCHEMA);
    expect(only(result.findings, 'NEGATIVE_AMOUNT').message).toBe(
      "1 negative amount in total_outcome_dollar_amount: row 3 '-5'",
    );
  });

  it('loadDataset refuses a file with a fatal finding with DATA_INVALID (exit 65) listing the findings', async () => {
    const path = temp.write(
      'refused.csv',
      [HEADER, '1,-3,HIGH,CLOSED_NO_ROI', '1,2,LOW,CLOSED_WITH_ROI'].join('\n'),
    );
    const error = await loadDataset({ readTable }, path, DEFAULT_SCHEMA).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'DATA_INVALID',
      exitCode: 65,
      details: { fatal: [{ code: 'NEGATIVE_AMOUNT', path: 'total_income_dollar_amount' }] },
    });
    await expect(
      loadDataset({ readTable }, temp.write('fine.csv', validCsv()), DEFAULT_SCHEMA),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it('gives every finding the code and severity documented in DATASET_FINDING_CODES', async () => {
    const result = await validate(
      [
        'total_outcome_dollar_amount,risk_pld,conclusion',
        'abc,HIGH,CLOSED_NO_ROI',
        'NaN,,',
        '-1,LOW,SAR_FILED',
        '-1,LOW,SAR_FILED',
      ].join('\n'),
    );
    const seen = new Set(result.findings.map((f) => f.code));
    expect(seen.size).toBeGreaterThanOrEqual(8);
    for (const finding of result.findings) {
      const spec = DATASET_FINDING_CODES[finding.code as keyof typeof DATASET_FINDING_CODES];
      expect(spec, finding.code).toBeDefined();
      expect(finding.severity, finding.code).toBe(spec.severity);
    }
    const empty = await validate('');
    expect(DATASET_FINDING_CODES[empty.findings[0]!.code as 'EMPTY_DATASET'].severity).toBe('fatal');
  });
});

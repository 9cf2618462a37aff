import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { Frame } from '../../core/frame/frame.js';
import { generateCases } from '../../core/synthetic/index.js';
import { parseCsv } from './readers/parse-csv.js';
import { writeTable, writeTableWithColumns } from './write-table.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const frame = new Frame([
  { kind: 'text', name: 'case_id', values: ['C1', 'C,2', 'C"3"', null] },
  { kind: 'numeric', name: 'amount', values: Float64Array.of(1234.5, Number.NaN, 0.1 + 0.2, -7) },
  { kind: 'categorical', name: 'risk_pld', codes: Int32Array.of(0, -1, 1, 0), categories: ['LOW', 'HIGH'] },
]);
const score = { kind: 'numeric' as const, name: 'score', values: Float64Array.of(0.25, 0.5, 0.75, 1) };

/** A CSV reader good enough for these files: RFC 4180 quoting, no quoted line breaks. */
function readCsv(path: string): string[][] {
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  return lines.map((line) => {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        fields.push(field);
        field = '';
      } else field += ch;
    }
    fields.push(field);
    return fields;
  });
}

describe('writeTable', () => {
  it('writes CSV: header, shortest exact numbers, empty for missing, quotes when needed', async () => {
    const path = join(dir, 'cases.csv');
    await writeTable(path, frame, { extraColumns: [score] });
    expect(readCsv(path)).toEqual([
      ['case_id', 'amount', 'risk_pld', 'score'],
      ['C1', '1234.5', 'LOW', '0.25'],
      ['C,2', '', '', '0.5'],
      ['C"3"', '0.30000000000000004', 'HIGH', '0.75'],
      ['', '-7', 'LOW', '1'],
    ]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes Parquet with nulls for missing values', async () => {
    const path = join(dir, 'cases.parquet');
    await writeTable(path, frame, { extraColumns: [score] });
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path) });
    expect(rows).toEqual([
      { case_id: 'C1', amount: 1234.5, risk_pld: 'LOW', score: 0.25 },
      { case_id: 'C,2', amount: null, risk_pld: null, score: 0.5 },
      { case_id: 'C"3"', amount: 0.1 + 0.2, risk_pld: 'HIGH', score: 0.75 },
      { case_id: null, amount: -7, risk_pld: 'LOW', score: 1 },
    ]);
  });

  it('writes JSON Lines with nulls for missing values', async () => {
    const path = join(dir, 'cases.jsonl');
    await writeTable(path, frame);
    const rows = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toEqual([
      { case_id: 'C1', amount: 1234.5, risk_pld: 'LOW' },
      { case_id: 'C,2', amount: null, risk_pld: null },
      { case_id: 'C"3"', amount: 0.1 + 0.2, risk_pld: 'HIGH' },
      { case_id: null, amount: -7, risk_pld: 'LOW' },
    ]);
  });

  it('round-trips generated cases through CSV and Parquet', async () => {
    const { frame: cases } = generateCases({
      rows: 3_000,
      seed: 5,
      missingRate: 0.05,
      unseenCategoryRate: 0.05,
    });
    const income = cases.get('total_income_dollar_amount');
    const risk = cases.get('risk_pld');
    if (income?.kind !== 'numeric' || risk?.kind !== 'categorical') throw new Error('unexpected columns');
    const csvPath = join(dir, 'generated.csv');
    await writeTable(csvPath, cases);
    const csv = readCsv(csvPath);
    expect(csv.length).toBe(3_001);
    const incomeAt = csv[0]!.indexOf('total_income_dollar_amount');
    const riskAt = csv[0]!.indexOf('risk_pld');
    const parquetPath = join(dir, 'generated.parquet');
    await writeTable(parquetPath, cases);
    const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(parquetPath) });
    let mismatches = 0;
    for (let i = 0; i < cases.rowCount; i++) {
      const v = income.values[i]!;
      const label = risk.codes[i]! < 0 ? null : risk.categories[risk.codes[i]!]!;
      const fromCsv = csv[i + 1]![incomeAt] === '' ? Number.NaN : Number(csv[i + 1]![incomeAt]);
      if (!Object.is(fromCsv, v) || (csv[i + 1]![riskAt] || null) !== label) mismatches++;
      if ((parquet[i]!.total_income_dollar_amount ?? Number.NaN) !== v && !Number.isNaN(v)) mismatches++;
      if (parquet[i]!.risk_pld !== label) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('refuses an unknown extension and extra columns of another length', async () => {
    await expect(writeTable(join(dir, 'cases.xlsx'), frame)).rejects.toMatchObject({
      code: 'DATA_FORMAT_UNSUPPORTED',
    });
    const short = { kind: 'numeric' as const, name: 'score', values: Float64Array.of(1) };
    await expect(writeTable(join(dir, 'x.csv'), frame, { extraColumns: [short] })).rejects.toThrow(/1 rows/);
  });

  it('reports a file that cannot be written as FILE_WRITE_FAILED', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    await expect(writeTable(join(blocker, 'inside.csv'), frame)).rejects.toMatchObject({
      code: 'FILE_WRITE_FAILED',
    });
  });
});

describe('writeTable on edge cases', () => {
  it('writes JSON Lines text that needs escaping, and an empty frame', async () => {
    const path = join(dir, 'escaped.jsonl');
    const tricky = new Frame([{ kind: 'text', name: 'note "n"', values: ['a\nb', 'café "x"', '\u0001'] }]);
    await writeTable(path, tricky);
    const rows = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toEqual([{ 'note "n"': 'a\nb' }, { 'note "n"': 'café "x"' }, { 'note "n"': '\u0001' }]);
    const emptyPath = join(dir, 'empty.csv');
    await writeTable(emptyPath, new Frame([{ kind: 'numeric', name: 'x', values: new Float64Array(0) }]));
    expect(readFileSync(emptyPath, 'utf8')).toBe('x\n');
  });
});

describe('writeTableWithColumns', () => {
  // Quoted fields (one with a line break), CRLF line ends, numbers written as the file has them.
  const source = Buffer.from(
    'case_id,amount,note\r\n"C,1",1.50,"two\r\nlines"\r\nC2,,"say ""hi"""\r\n\r\nC3,7e2,plain\r\n',
  );
  const table = parseCsv(source, 'cases.csv');
  const prediction = { kind: 'numeric' as const, name: 'prediction', values: Float64Array.of(0.1, 0.2, 0.3) };

  it('copies every CSV record byte for byte and appends the new columns', async () => {
    const path = join(dir, 'scored.csv');
    await writeTableWithColumns(path, table, [prediction]);
    expect(readFileSync(path, 'utf8')).toBe(
      'case_id,amount,note,prediction\n"C,1",1.50,"two\r\nlines",0.1\nC2,,"say ""hi""",0.2\nC3,7e2,plain,0.3\n',
    );
  });

  it('writes the texts of the columns to other formats, and replaces a column named like a new one', async () => {
    const path = join(dir, 'scored.parquet');
    const again = parseCsv(Buffer.from('case_id,prediction\nC1,old\nC2,\nC1,old\n'), 'again.csv');
    await writeTableWithColumns(path, again, [prediction]);
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path) });
    expect(rows).toEqual([
      { case_id: 'C1', prediction: 0.1 },
      { case_id: 'C2', prediction: 0.2 },
      { case_id: 'C1', prediction: 0.3 },
    ]);
  });
});

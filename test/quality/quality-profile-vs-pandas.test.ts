import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/adapters/data/read-table.js';
import { buildQualityReport } from '../../src/core/quality/build-quality-report.js';
import type { ColumnStats, DatasetStats } from '../../src/core/quality/quality-report.js';
import { qualityTableFromRaw } from '../../src/core/quality/quality-table-from-raw.js';

const fixtures = new URL('../fixtures/quality/', import.meta.url).pathname;
const schema = {
  numeric: ['total_income_dollar_amount', 'total_outcome_dollar_amount'],
  categorical: ['risk_pld'],
  target: 'conclusion',
};

interface PandasColumn {
  count: number;
  missing: number;
  unique: number;
  mostCommonCount: number | null;
  mean?: number;
  std?: number;
  min?: number;
  p25?: number;
  p50?: number;
  p75?: number;
  max?: number;
  zeros?: number;
  negatives?: number;
  categories?: Record<string, number>;
}
interface PandasSide {
  rows: number;
  missingValues: number;
  rowsWithMissing: number;
  duplicatedRows: number;
  positives: number;
  columns: Record<string, PandasColumn>;
}
const pandas = JSON.parse(readFileSync(join(fixtures, 'pandas-stats.json'), 'utf8')) as Record<
  'reference' | 'current',
  PandasSide
>;

async function report() {
  const side = async (name: string) =>
    qualityTableFromRaw(name, await readTable(join(fixtures, `${name}.csv`)), schema).table;
  return buildQualityReport(await side('reference'), await side('current'), {
    target: { column: 'conclusion', negativeValue: 'CLOSED_NO_ROI' },
  });
}

function expectColumn(ours: ColumnStats, theirs: PandasColumn): void {
  expect(ours.count).toBe(theirs.count);
  expect(ours.missing).toBe(theirs.missing);
  expect(ours.unique).toBe(theirs.unique);
  expect(ours.mostCommon?.count ?? null).toBe(theirs.mostCommonCount);
  if (theirs.mean !== undefined) {
    const n = ours.numeric!;
    for (const key of ['mean', 'std', 'min', 'p25', 'p50', 'p75', 'max'] as const)
      expect(n[key], key).toBeCloseTo(theirs[key]!, 9);
    expect(n.zeros).toBe(theirs.zeros);
    expect(n.negatives).toBe(theirs.negatives);
  }
  if (theirs.categories && ours.categories)
    expect(Object.fromEntries(ours.categories.map((c) => [c.value, c.count]))).toEqual(theirs.categories);
}

function expectDataset(ours: DatasetStats, theirs: PandasSide): void {
  expect(ours.rows).toBe(theirs.rows);
  expect(ours.missingValues).toBe(theirs.missingValues);
  expect(ours.rowsWithMissing).toBe(theirs.rowsWithMissing);
  expect(ours.duplicatedRows).toBe(theirs.duplicatedRows);
  expect(ours.target?.positives).toBe(theirs.positives);
}

describe('the quality profile against pandas (test/fixtures/quality, scripts/quality-fixtures.py)', () => {
  it('counts rows, missing cells, duplicates and the target as pandas does, on both sides', async () => {
    const r = await report();
    expectDataset(r.dataset.reference, pandas.reference);
    expectDataset(r.dataset.current, pandas.current);
  });

  it("gives every column pandas' count, missing, unique, most common and describe() figures", async () => {
    const r = await report();
    for (const column of r.columns)
      for (const side of ['reference', 'current'] as const) {
        const theirs = pandas[side].columns[column.name];
        expect(theirs, `${side} ${column.name}`).toBeDefined();
        expectColumn(column[side]!, theirs!);
      }
  });

  it('types the columns: configured ones as configured, ids as text, repeated labels as categories', async () => {
    const r = await report();
    const kinds = Object.fromEntries(r.columns.map((c) => [c.name, `${c.kind}/${c.role}`]));
    expect(kinds).toEqual({
      case_id: 'text/other',
      channel: 'categorical/other',
      channel_copy: 'categorical/other',
      constant: 'categorical/other',
      conclusion: 'categorical/target',
      risk_pld: 'categorical/feature',
      total_income_dollar_amount: 'numeric/feature',
      total_outcome_dollar_amount: 'numeric/feature',
    });
  });

  it('finds the constant and duplicated columns and the new category of current', async () => {
    const r = await report();
    expect(r.dataset.current.constantColumns).toEqual(['constant']);
    expect(r.dataset.current.duplicatedColumns).toEqual([['channel', 'channel_copy']]);
    const risk = r.columns.find((c) => c.name === 'risk_pld')!;
    expect(risk.newCategories).toEqual(['CRITICAL']);
    expect(r.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['NEW_CATEGORIES', 'CONSTANT_COLUMN', 'DUPLICATED_COLUMNS', 'DUPLICATED_ROWS']),
    );
  });

  it('puts drifting columns first; the shifted amounts drift and the dataset does', async () => {
    const r = await report();
    const drifted = r.columns.filter((c) => c.drift?.drifted).map((c) => c.name);
    expect(drifted).toEqual(expect.arrayContaining(['total_income_dollar_amount', 'risk_pld']));
    expect(r.columns.slice(0, drifted.length).every((c) => c.drift?.drifted)).toBe(true);
    expect(r.drift.datasetDrift).toBe(true);
    expect(r.columns.find((c) => c.name === 'case_id')!.drift).toBeNull();
  });
});

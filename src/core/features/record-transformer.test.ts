import { describe, expect, it } from 'vitest';
import type { Column } from '../frame/column.js';
import type { Frame } from '../frame/frame.js';
import { generateCases } from '../synthetic/index.js';
import { fitFeaturePipeline } from './fit-feature-pipeline.js';
import { createRecordTransformer } from './record-transformer.js';
import { transformFeatures } from './transform-features.js';

/** Row i of a frame as a plain record, as the live API would receive it. */
function recordAt(frame: Frame, i: number): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of frame.columns as Column[]) {
    if (column.kind === 'numeric')
      record[column.name] = Number.isNaN(column.values[i]!) ? null : column.values[i];
    else if (column.kind === 'categorical')
      record[column.name] = column.codes[i]! < 0 ? null : column.categories[column.codes[i]!];
    else record[column.name] = column.values[i];
  }
  return record;
}

describe('createRecordTransformer', () => {
  const { frame } = generateCases({ rows: 2_000, seed: 3, missingRate: 0.1, unseenCategoryRate: 0.1 });
  const specs = {
    keep: {
      numericColumns: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
      categoricalColumns: ['risk_pld'],
    },
    fill: {
      numericColumns: ['total_outcome_dollar_amount', 'total_income_dollar_amount'],
      categoricalColumns: ['risk_pld'],
      missing: { strategy: 'fill' as const, value: 0 },
      domain: { incomeColumn: 'total_income_dollar_amount', outcomeColumn: 'total_outcome_dollar_amount' },
    },
  };

  for (const [name, spec] of Object.entries(specs)) {
    it(`gives the batch path's values, bit for bit (${name})`, () => {
      const state = fitFeaturePipeline(frame.take(Array.from({ length: 1_000 }, (_, i) => i)), spec);
      const batch = transformFeatures(frame, state).matrix;
      const toRow = createRecordTransformer(state);
      const out = new Float32Array(state.featureNames.length);
      let differences = 0;
      let unseen = 0;
      for (let i = 0; i < frame.rowCount; i++) {
        const { row, issues } = toRow.transform(recordAt(frame, i), out);
        unseen += issues.filter((issue) => issue.kind === 'unseen-category').length;
        for (let f = 0; f < row.length; f++) if (!Object.is(row[f], batch.columns[f]![i])) differences++;
      }
      expect(differences).toBe(0);
      expect(unseen).toBeGreaterThan(0);
    });
  }

  it('reads numbers sent as text, reports what it cannot read, and treats absent keys as missing', () => {
    const state = fitFeaturePipeline(frame, specs.keep);
    const toRow = createRecordTransformer(state);
    const { row, issues } = toRow.transform({
      total_outcome_dollar_amount: '2109.19',
      total_income_dollar_amount: 'lots',
      risk_pld: 'EXTREME',
    });
    expect(row[state.featureNames.indexOf('total_outcome_dollar_amount')]).toBe(Math.fround(2109.19));
    expect(row[state.featureNames.indexOf('total_income_dollar_amount')]).toBeNaN();
    expect(issues).toEqual([
      { column: 'total_income_dollar_amount', kind: 'not-numeric', value: 'lots' },
      { column: 'risk_pld', kind: 'unseen-category', value: 'EXTREME' },
    ]);
    const empty = toRow.transform({});
    expect(empty.issues).toEqual([]);
    expect(empty.row[state.featureNames.indexOf(`risk_pld=${state.categorical[0]!.impute}`)]).toBe(1);
  });

  it('takes microseconds per record', () => {
    const state = fitFeaturePipeline(frame, specs.fill);
    const toRow = createRecordTransformer(state);
    const record = {
      total_outcome_dollar_amount: 2109.19,
      total_income_dollar_amount: 1305.06,
      risk_pld: 'HIGH',
    };
    const out = new Float32Array(state.featureNames.length);
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) toRow.transform(record, out);
    const microseconds = ((performance.now() - started) * 1000) / 100_000;
    expect(microseconds).toBeLessThan(20);
  });
});

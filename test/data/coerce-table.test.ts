import { describe, expect, it } from 'vitest';
import {
  coerceTable,
  isNonFiniteText,
  parseNumericText,
  rawTableFromColumns,
  ValuesRawColumn,
} from '../../src/core/dataset/index.js';
import { DEFAULT_SCHEMA } from './data-test-kit.js';

describe('numeric text', () => {
  it("accepts decimal numbers: '12.5', '1e3', '-3', '+.5', surrounding spaces", () => {
    expect(['12.5', '1e3', '-3', '+.5', ' 7 ', '5.', '1E-2'].map(parseNumericText)).toEqual([
      12.5, 1000, -3, 0.5, 7, 5, 0.01,
    ]);
  });

  it("refuses '12,5', 'abc', '$5', hex, '', 'Infinity' and overflow", () => {
    for (const text of [
      '12,5',
      'abc',
      '$5',
      '0x10',
      '',
      ' ',
      'Infinity',
      'NaN',
      '1e400',
      '1 000',
      '--1',
      '.',
      'e5',
    ])
      expect(parseNumericText(text), text).toBeNaN();
  });

  it('tells NaN and Infinity spelled out from other text', () => {
    expect(['NaN', 'nan', '-inf', 'Infinity', '+INF'].every(isNonFiniteText)).toBe(true);
    expect(['abc', '', 'nano', 'infinite'].some(isNonFiniteText)).toBe(false);
  });
});

describe('coerceTable', () => {
  it('types each column per the schema and keeps the file order; blank text is missing', () => {
    const raw = rawTableFromColumns({
      id: ['a', 'b', ''],
      total_income_dollar_amount: ['1.5', ' ', 3],
      risk_pld: ['HIGH', '', 'HIGH'],
      total_outcome_dollar_amount: [null, '2', '-1'],
      conclusion: ['CLOSED_NO_ROI', 'X', 'CLOSED_NO_ROI'],
    });
    const { frame, absentColumns, numericProblems } = coerceTable(raw, DEFAULT_SCHEMA);
    expect(absentColumns).toEqual([]);
    expect(frame.names).toEqual([
      'id',
      'total_income_dollar_amount',
      'risk_pld',
      'total_outcome_dollar_amount',
      'conclusion',
    ]);
    expect(frame.get('id')).toMatchObject({ kind: 'text', values: ['a', 'b', null] });
    expect(frame.get('total_income_dollar_amount')).toMatchObject({
      kind: 'numeric',
      values: Float64Array.of(1.5, Number.NaN, 3),
    });
    expect(frame.get('risk_pld')).toMatchObject({
      kind: 'categorical',
      codes: Int32Array.of(0, -1, 0),
      categories: ['HIGH'],
    });
    expect(frame.get('conclusion')).toMatchObject({
      kind: 'categorical',
      categories: ['CLOSED_NO_ROI', 'X'],
    });
    expect(numericProblems.get('total_outcome_dollar_amount')!.negative).toEqual({
      count: 1,
      examples: [{ row: 2, position: 4, text: '-1' }],
    });
  });

  it('carries only the listed columns when the schema lists them, and names absent ones', () => {
    const raw = rawTableFromColumns([new ValuesRawColumn('id', ['a']), new ValuesRawColumn('note', ['n'])]);
    const { frame, absentColumns } = coerceTable(raw, { ...DEFAULT_SCHEMA, carried: ['id'] });
    expect(frame.names).toEqual(['id']);
    expect(absentColumns).toEqual([
      'total_outcome_dollar_amount',
      'total_income_dollar_amount',
      'risk_pld',
      'conclusion',
    ]);
  });
});

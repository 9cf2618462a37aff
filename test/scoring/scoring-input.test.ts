import { describe, expect, it } from 'vitest';
import { parseMlflowBody } from '../../src/core/scoring/parse-mlflow-body.js';
import { parseOipRequest } from '../../src/core/scoring/parse-oip-request.js';
import { parsePredictBody } from '../../src/core/scoring/parse-predict-body.js';
import { scoringContract } from '../../src/core/scoring/scoring-contract.js';
import { validateScoringInput } from '../../src/core/scoring/validate-scoring-input.js';
import { expectCode } from './expect-amlops-error.js';
import { trainTestBundle } from './scoring-test-kit.js';

const contract = scoringContract(trainTestBundle({ trees: 2 }));
const check = (body: unknown, maxRows = 100) =>
  validateScoringInput(parsePredictBody(body).input, contract, maxRows);
const row = { total_outcome_dollar_amount: 2109.19, total_income_dollar_amount: 1305.06, risk_pld: 'HIGH' };

describe('reading the protocols into columns', () => {
  const columns = (input: { columns: ReadonlyMap<string, readonly unknown[]> }) =>
    Object.fromEntries(input.columns);
  const expected = {
    total_outcome_dollar_amount: [1, 3],
    total_income_dollar_amount: [2, 4],
    risk_pld: ['LOW', 'HIGH'],
  };
  const records = [
    { total_outcome_dollar_amount: 1, total_income_dollar_amount: 2, risk_pld: 'LOW' },
    { total_outcome_dollar_amount: 3, total_income_dollar_amount: 4, risk_pld: 'HIGH' },
  ];

  it('reads the original columnar body, records and the explain flag', () => {
    expect(columns(parsePredictBody(expected).input)).toEqual(expected);
    expect(columns(parsePredictBody(records).input)).toEqual(expected);
    expect(parsePredictBody({ ...expected, explain: true }).explain).toBe(true);
    expectCode(
      () => parsePredictBody({ ...expected, explain: 'yes' }),
      'SCORING_INPUT_INVALID',
      /"explain" must be true or false/,
    );
    expectCode(() => parsePredictBody('x'), 'SCORING_INPUT_INVALID', /must be a JSON object of columns/);
    expectCode(
      () => parsePredictBody({ risk_pld: 'HIGH' }),
      'SCORING_INPUT_INVALID',
      /column "risk_pld" of the body must be an array/,
    );
    expectCode(
      () => parsePredictBody([1]),
      'SCORING_INPUT_INVALID',
      /record 0 of the body must be an object/,
    );
  });

  it('refuses columns of unequal length, naming each length', () => {
    expectCode(
      () => parsePredictBody({ risk_pld: ['LOW', 'HIGH'], total_income_dollar_amount: [1] }),
      'SCORING_INPUT_INVALID',
      /unequal lengths: risk_pld has 2, total_income_dollar_amount has 1/,
    );
  });

  it("reads MLflow's four JSON formats", () => {
    const split = {
      columns: Object.keys(expected),
      data: [
        [1, 2, 'LOW'],
        [3, 4, 'HIGH'],
      ],
    };
    expect(columns(parseMlflowBody({ dataframe_split: split }))).toEqual(expected);
    expect(columns(parseMlflowBody({ dataframe_records: records }))).toEqual(expected);
    expect(columns(parseMlflowBody({ instances: records }))).toEqual(expected);
    expect(columns(parseMlflowBody({ inputs: expected, params: {} }))).toEqual(expected);
    expectCode(
      () => parseMlflowBody({ dataframe_split: split, instances: records }),
      'SCORING_INPUT_INVALID',
      /exactly one of/,
    );
    expectCode(
      () => parseMlflowBody({ dataframe_split: { columns: ['a'], data: [[1, 2]] } }),
      'SCORING_INPUT_INVALID',
      /row 0 of dataframe_split must be an array of 1 values/,
    );
    expectCode(
      () => parseMlflowBody({ dataframe_records: { a: [1] } }),
      'SCORING_INPUT_INVALID',
      /dataframe_records must be a list of records/,
    );
  });

  it('reads Open Inference Protocol tensors, one per column', () => {
    const request = {
      id: 'r1',
      inputs: [
        { name: 'total_outcome_dollar_amount', shape: [2, 1], datatype: 'FP64', data: [[1], [3]] },
        { name: 'total_income_dollar_amount', shape: [2], datatype: 'FP32', data: [2, 4] },
        { name: 'risk_pld', shape: [2], datatype: 'BYTES', data: ['LOW', 'HIGH'] },
      ],
    };
    const parsed = parseOipRequest(request);
    expect(parsed.id).toBe('r1');
    expect(columns(parsed.input)).toEqual(expected);
    expectCode(
      () => parseOipRequest({ inputs: [{ name: 'x', shape: [3], datatype: 'FP32', data: [1] }] }),
      'SCORING_INPUT_INVALID',
      /inputs\[0\] \(x\) has 1 values; its shape \[3\] says 3/,
    );
    expectCode(
      () => parseOipRequest({ inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 2] }] }),
      'SCORING_INPUT_INVALID',
      /one column is \[n\] or \[n, 1\]/,
    );
    expectCode(
      () => parseOipRequest({ inputs: [{ name: 'x', shape: [1], datatype: 'STR', data: [1] }] }),
      'SCORING_INPUT_INVALID',
      /datatype "STR"/,
    );
  });
});

describe('the bad-input rules', () => {
  it('accepts numbers and numeric text, and scores empty values as missing with a warning', () => {
    const checked = check({
      total_outcome_dollar_amount: ['2109.19', null],
      total_income_dollar_amount: [1305.06, ''],
      risk_pld: ['HIGH', ''],
    });
    expect(Array.from(checked.numeric[0]!)).toEqual([2109.19, Number.NaN]);
    expect(checked.categorical[0]).toEqual(['HIGH', null]);
    expect(checked.warnings.map((w) => [w.code, w.column, w.rows])).toEqual([
      ['MISSING_VALUE', 'total_outcome_dollar_amount', [1]],
      ['MISSING_VALUE', 'total_income_dollar_amount', [1]],
      ['MISSING_VALUE', 'risk_pld', [1]],
    ]);
    expect(checked.warnings[0]!.message).toBe(
      '1 empty value of total_outcome_dollar_amount scored as missing (row 1)',
    );
  });

  it('scores an unseen category as missing and ignores extra columns, with warnings', () => {
    const checked = check([{ ...row, risk_pld: 'CRITICAL', channel: 'web' }]);
    expect(checked.categorical[0]).toEqual([null]);
    expect(checked.warnings.map((w) => w.message)).toEqual([
      '1 value of risk_pld never seen in training, scored as missing: row 0 "CRITICAL"',
      'column channel is not an input of the model and was ignored',
    ]);
  });

  it('with a model that folds categories, scores spellings of a category as it, counted, and still warns of the unseen', () => {
    const base = trainTestBundle({ trees: 2 });
    const folding = scoringContract({
      ...base,
      features: {
        ...base.features,
        categorical: base.features.categorical.map((c) => ({ ...c, fold: true as const })),
      },
    });
    const values = ['high', ' Low ', 'HIGH', 'critical', '   ', 'medium'];
    const checked = validateScoringInput(
      parsePredictBody(values.map((risk_pld) => ({ ...row, risk_pld }))).input,
      folding,
      100,
    );
    expect(checked.categorical[0]).toEqual(['HIGH', 'LOW', 'HIGH', null, null, 'MEDIUM']);
    expect(checked.warnings).toEqual([
      expect.objectContaining({ code: 'MISSING_VALUE', count: 1, rows: [4] }),
      {
        code: 'FOLDED_CATEGORY',
        column: 'risk_pld',
        count: 3,
        rows: [0, 1, 5],
        message:
          '3 values of risk_pld matched a category once trimmed and case-folded: row 0 "high" as "HIGH", row 1 " Low " as "LOW", row 5 "medium" as "MEDIUM"',
      },
      expect.objectContaining({ code: 'UNSEEN_CATEGORY', count: 1, rows: [3] }),
    ]);
    // The audit keeps the label never seen as sent (scored as missing); the folded ones as their category.
    expect(checked.categoricalAsSent?.[0]).toEqual(['HIGH', 'LOW', 'HIGH', 'critical', null, 'MEDIUM']);
    // A model made before folding keeps every spelling apart.
    expect(check([{ ...row, risk_pld: 'high' }]).warnings.map((w) => w.code)).toEqual(['UNSEEN_CATEGORY']);
    // With every label known, the labels as sent are the scored ones, not a copy.
    const known = check([{ ...row, risk_pld: 'LOW' }]);
    expect(known.categoricalAsSent?.[0]).toBe(known.categorical[0]);
  });

  it('carries the case id column without warning', () => {
    const checked = check([
      { ...row, case_id: 'C-1' },
      { ...row, case_id: 7 },
    ]);
    expect(checked.ids).toEqual(['C-1', '7']);
    expect(checked.warnings).toEqual([]);
  });

  it('refuses a missing column, listing every missing one', () => {
    const e = expectCode(
      () => check({ risk_pld: ['HIGH'] }),
      'SCORING_COLUMN_MISSING',
      /required columns missing: total_outcome_dollar_amount, total_income_dollar_amount/,
    );
    expect(e.status).toBe(400);
  });

  it.each([
    ['abc', /total_income_dollar_amount row 1: "abc" is not a number/],
    ['1,000', /"1,000" is not a number/],
    [true, /row 1: true is not a number/],
    [{ v: 1 }, /row 1: an object is not a number/],
    ['NaN', /"NaN" is not a finite number/],
    ['-Infinity', /"-Infinity" is not a finite number/],
    [-5, /row 1: -5 is a negative amount/],
    ['-0.5', /"-0.5" is a negative amount/],
  ])('refuses the amount %j, naming column and row', (value, message) => {
    const e = expectCode(
      () =>
        check({
          total_outcome_dollar_amount: [1, 2],
          total_income_dollar_amount: [1, value],
          risk_pld: ['LOW', 'LOW'],
        }),
      'SCORING_VALUE_INVALID',
      message,
    );
    expect(e.details).toMatchObject({
      count: 1,
      invalid: [{ column: 'total_income_dollar_amount', row: 1 }],
    });
  });

  it('refuses a category that is not a label, and counts the other bad values', () => {
    expectCode(
      () =>
        check({
          total_outcome_dollar_amount: [-1, -2],
          total_income_dollar_amount: [1, 1],
          risk_pld: [['HIGH'], 'LOW'],
        }),
      'SCORING_VALUE_INVALID',
      /total_outcome_dollar_amount row 0: -1 is a negative amount \(and 2 more invalid values\)/,
    );
  });

  it('refuses more rows than allowed and an empty request', () => {
    const e = expectCode(() => check([row, row, row], 2), 'SCORING_TOO_MANY_ROWS', /3 cases; at most 2/);
    expect(e.status).toBe(413);
    expectCode(() => check([]), 'SCORING_INPUT_INVALID', /no cases/);
  });
});

describe('columns named otherwise', () => {
  it('names the missing columns and those the input has, rather than saying there is no case', () => {
    const e = expectCode(
      () => check({ income: [1], outcome: [2], risk: ['HIGH'] }),
      'SCORING_COLUMN_MISSING',
      /required columns missing: total_outcome_dollar_amount, total_income_dollar_amount, risk_pld; the input has income, outcome, risk/,
    );
    expect(e.details).toMatchObject({ present: ['income', 'outcome', 'risk'] });
  });
});

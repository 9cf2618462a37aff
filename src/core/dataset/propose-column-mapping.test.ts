import { describe, expect, it } from 'vitest';
import { profileForMapping, proposeColumnMapping, proposeTableMapping } from './propose-column-mapping.js';
import { rawTableFromColumns } from './raw-table-from-columns.js';

/** An account file as a bank exports it: its own names, lower-case risk, a date and a free-text column. */
function accounts(rows: number) {
  const column = (make: (i: number) => string) => Array.from({ length: rows }, (_, i) => make(i));
  return rawTableFromColumns({
    acct: column((i) => `A${1000 + i}`),
    opened_on: column((i) => `2024-0${1 + (i % 9)}-1${i % 10}`),
    money_sent_usd: column((i) => String((i * 37) % 5000)),
    money_received_usd: column((i) => (i % 50 === 7 ? '' : String((i * 53) % 7000))),
    kyc_risk: column((i) => ['low', 'medium', 'high'][i % 3]!),
    branch_note: column((i) => `note ${i}`),
    is_sar: column((i) => (i % 20 === 0 ? '1' : '0')),
  });
}

describe('proposeColumnMapping', () => {
  it("reads a file's own names: conclusion, its no, id, money sent and received, categories; dates and free text left out with why", () => {
    const mapping = proposeColumnMapping(profileForMapping(accounts(400)));
    expect(mapping).toMatchObject({
      targetColumn: 'is_sar',
      negativeValue: '0',
      positiveValues: ['1'],
      idColumn: 'acct',
      numericColumns: ['money_sent_usd', 'money_received_usd'],
      incomeColumn: 'money_received_usd',
      outcomeColumn: 'money_sent_usd',
      categoricalColumns: ['kyc_risk'],
    });
    expect(mapping.reasons.targetColumn).toBe('its name; values 0 (380), 1 (20)');
    expect(mapping.reasons.negativeValue).toBe('"0" reads as "no"');
    expect(mapping.unused).toEqual([
      { name: 'opened_on', reason: 'dates' },
      { name: 'branch_note', reason: '400 distinct texts: too many for categories' },
    ]);
  });

  it("finds the original contract's columns in the original's data", () => {
    const table = rawTableFromColumns({
      case_id: ['C1', 'C2', 'C3', 'C4'],
      user_id: ['U1', 'U2', 'U3', 'U4'],
      total_income_dollar_amount: ['10', '20', '30', '40'],
      total_outcome_dollar_amount: ['1', '2', '3', '4'],
      risk_pld: ['LOW', 'LOW', 'HIGH', 'LOW'],
      conclusion: ['CLOSED_NO_ROI', 'CLOSED_WITH_ROI', 'CLOSED_NO_ROI', 'REPORTED_TO_AUTHORITY'],
    });
    const mapping = proposeColumnMapping(profileForMapping(table));
    expect(mapping).toMatchObject({
      targetColumn: 'conclusion',
      negativeValue: 'CLOSED_NO_ROI',
      positiveValues: ['CLOSED_WITH_ROI', 'REPORTED_TO_AUTHORITY'],
      idColumn: 'case_id',
      numericColumns: ['total_income_dollar_amount', 'total_outcome_dollar_amount'],
      incomeColumn: 'total_income_dollar_amount',
      outcomeColumn: 'total_outcome_dollar_amount',
      categoricalColumns: ['risk_pld'],
    });
    // user_id is neither a feature nor the id: it is left out, and said so.
    expect(mapping.unused.map((u) => u.name)).toEqual(['user_id']);
  });

  it('takes the roles a user names over its guesses, and says so', () => {
    const mapping = proposeColumnMapping(profileForMapping(accounts(200)), {
      targetColumn: 'kyc_risk',
      negativeValue: 'low',
      idColumn: '',
      incomeColumn: 'money_sent_usd',
      outcomeColumn: 'money_received_usd',
    });
    expect(mapping).toMatchObject({
      targetColumn: 'kyc_risk',
      negativeValue: 'low',
      idColumn: '',
      incomeColumn: 'money_sent_usd',
      outcomeColumn: 'money_received_usd',
    });
    expect([...mapping.positiveValues].sort()).toEqual(['high', 'medium']);
    expect(mapping.categoricalColumns).toEqual([]);
    expect(mapping.reasons.targetColumn).toMatch(/^as given/);
    expect(mapping.reasons.incomeColumn).toBe('as given');
  });

  it('proposes no target and no derived features when nothing reads as them, with the reason', () => {
    const table = rawTableFromColumns({ a: ['1', '2', '3'], b: ['4', '5', '6'] });
    const mapping = proposeColumnMapping(profileForMapping(table));
    expect(mapping.targetColumn).toBe('');
    expect(mapping.reasons.targetColumn).toMatch(/--target/);
    expect(mapping.incomeColumn).toBe('');
    expect(mapping.reasons.incomeColumn).toMatch(/no derived features/);
  });

  it('counts the target on every row, so a file sorted by conclusion shows all its values', () => {
    const rows = 210_000;
    const table = rawTableFromColumns({
      amount: Array.from({ length: rows }, (_, i) => String(i % 977)),
      conclusion: Array.from({ length: rows }, (_, i) => (i < 205_000 ? 'CLOSED_NO_ROI' : 'CLOSED_WITH_ROI')),
    });
    expect(proposeColumnMapping(profileForMapping(table)).positiveValues).toEqual([]);
    const mapping = proposeTableMapping(table);
    expect(mapping.positiveValues).toEqual(['CLOSED_WITH_ROI']);
    expect(mapping.reasons.targetColumn).toBe(
      'its name; values CLOSED_NO_ROI (205000), CLOSED_WITH_ROI (5000)',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { concatRawTables } from './concat-raw-tables.js';
import { rawTableFromColumns } from './raw-table-from-columns.js';

describe('concatRawTables', () => {
  it("puts the tables' rows one after the other, every column of any table, empty where a table lacks it", () => {
    const file = rawTableFromColumns({ amount: ['1.5', '', '3'], conclusion: ['CLOSED_NO_ROI', 'X', 'Y'] });
    const cases = rawTableFromColumns({ amount: [7, null], case_id: ['C1', 'C2'], conclusion: ['A', 'B'] });
    const all = concatRawTables([file, cases]);
    expect(all.rowCount).toBe(5);
    expect(all.columns.map((c) => c.name)).toEqual(['amount', 'conclusion', 'case_id']);
    const [amount, conclusion, caseId] = all.columns;
    expect(Array.from({ length: 5 }, (_, r) => amount!.text(r))).toEqual(['1.5', '', '3', '7', '']);
    expect(amount!.number(3)).toBe(7);
    expect(amount!.number(1)).toBeNaN();
    expect(Array.from({ length: 5 }, (_, r) => conclusion!.text(r))).toEqual([
      'CLOSED_NO_ROI',
      'X',
      'Y',
      'A',
      'B',
    ]);
    expect(Array.from({ length: 5 }, (_, r) => caseId!.text(r))).toEqual(['', '', '', 'C1', 'C2']);
    expect(all.position(4)).toBe(5);
    expect(concatRawTables([file])).toBe(file);
  });
});

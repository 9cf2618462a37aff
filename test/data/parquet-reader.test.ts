import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { readParquet } from '../../src/adapters/data/readers/read-parquet.js';
import { tempDir } from './data-test-kit.js';

describe('Parquet reader', () => {
  const temp = tempDir('parquet');
  afterAll(() => temp.remove());

  it('reads numbers, strings and nulls column by column, rows numbered from 1', async () => {
    const path = `${temp.dir}/cases.parquet`;
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: 'total_income_dollar_amount', data: [1305.06, null, 7], type: 'DOUBLE' },
        { name: 'risk_pld', data: ['HIGH', null, 'LOW'], type: 'STRING' },
        { name: 'case_id', data: [1, 2, 3], type: 'INT32' },
      ],
    });
    const table = await readParquet(path);
    expect(table.columns.map((c) => c.name)).toEqual(['total_income_dollar_amount', 'risk_pld', 'case_id']);
    expect(table.rowCount).toBe(3);
    const [amount, risk, id] = table.columns;
    expect([0, 1, 2].map((row) => amount!.number(row))).toEqual([1305.06, Number.NaN, 7]);
    expect([0, 1, 2].map((row) => risk!.text(row))).toEqual(['HIGH', '', 'LOW']);
    expect(id!.text(2)).toBe('3');
    expect(table.positionKind).toBe('row');
    expect(table.position(0)).toBe(1);
  });

  it('reads a file of several row groups in order', async () => {
    const path = `${temp.dir}/groups.parquet`;
    const values = Array.from({ length: 250 }, (_, i) => i * 0.5);
    parquetWriteFile({
      filename: path,
      columnData: [{ name: 'x', data: values, type: 'DOUBLE' }],
      rowGroupSize: 100,
    });
    const table = await readParquet(path);
    expect(table.rowCount).toBe(250);
    expect(Array.from({ length: 250 }, (_, row) => table.columns[0]!.number(row))).toEqual(values);
  });

  it('refuses a file that is not Parquet', async () => {
    await expect(readParquet(temp.write('fake.parquet', 'a,b\n1,2\n'))).rejects.toMatchObject({
      code: 'DATA_PARSE_FAILED',
      message: expect.stringMatching(/not a readable Parquet file/),
    });
  });
});

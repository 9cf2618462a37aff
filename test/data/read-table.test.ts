import { pathToFileURL } from 'node:url';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/adapters/data/read-table.js';
import { tempDir } from './data-test-kit.js';

describe('readTable', () => {
  const temp = tempDir('read-table');
  afterAll(() => temp.remove());

  it('chooses the reader by the file name ending, in any case', async () => {
    const csv = await readTable(temp.write('a.CSV', 'x\n1\n'));
    const jsonl = await readTable(temp.write('a.jsonl', '{"x": 1}\n'));
    const ndjson = await readTable(temp.write('a.ndjson', '{"x": 1}\n'));
    const parquetPath = `${temp.dir}/a.parquet`;
    parquetWriteFile({ filename: parquetPath, columnData: [{ name: 'x', data: [1], type: 'DOUBLE' }] });
    const parquet = await readTable(parquetPath);
    for (const table of [csv, jsonl, ndjson, parquet]) {
      expect(table.columns[0]!.name).toBe('x');
      expect(table.columns[0]!.number(0)).toBe(1);
    }
    expect(parquet.positionKind).toBe('row');
  });

  it('reads a file:// URL', async () => {
    const path = temp.write('url.csv', 'x\n5\n');
    const table = await readTable(pathToFileURL(path).href);
    expect(table.columns[0]!.number(0)).toBe(5);
  });

  it('refuses an unknown ending with DATA_FORMAT_UNSUPPORTED, listing what it reads', async () => {
    await expect(readTable(temp.write('cases.xlsx', 'x'))).rejects.toMatchObject({
      code: 'DATA_FORMAT_UNSUPPORTED',
      message: expect.stringMatching(/\.csv.*\.parquet.*\.jsonl/),
    });
  });

  it('refuses a missing file with FILE_NOT_FOUND, and a directory too', async () => {
    await expect(readTable(`${temp.dir}/nope.csv`)).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringMatching(/nope\.csv does not exist/),
    });
    const dirAsCsv = `${temp.dir}/folder.csv`;
    (await import('node:fs')).mkdirSync(dirAsCsv);
    await expect(readTable(dirAsCsv)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('refuses other URL schemes, naming the ones it reads', async () => {
    await expect(readTable('https://example.org/cases.csv')).rejects.toMatchObject({
      code: 'DATA_FORMAT_UNSUPPORTED',
      message: expect.stringMatching(/a local path, a file:\/\/ URL or an s3:\/\/ location/),
    });
  });
});

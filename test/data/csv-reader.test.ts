import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/adapters/data/readers/parse-csv.js';
import { parseDecimalBytes } from '../../src/adapters/data/readers/parse-decimal-bytes.js';
import { readCsv } from '../../src/adapters/data/readers/read-csv.js';
import { encodeRawColumn, type RawTable } from '../../src/core/dataset/index.js';
import type { AmlopsError } from '../../src/core/errors/index.js';
import { tempDir } from './data-test-kit.js';

const parse = (text: string | Buffer): RawTable =>
  parseCsv(typeof text === 'string' ? Buffer.from(text) : text, 'inline.csv');
const cells = (table: RawTable): string[][] =>
  Array.from({ length: table.rowCount }, (_, row) => table.columns.map((c) => c.text(row)));
const parseError = (text: string): AmlopsError => {
  try {
    parse(text);
  } catch (error) {
    return error as AmlopsError;
  }
  throw new Error('expected a parse failure');
};

describe('CSV reader', () => {
  const temp = tempDir('csv');
  afterAll(() => temp.remove());

  it('reads a header and rows, with each row at its line (header = line 1)', () => {
    const table = parse('a,b,c\n1,2,3\n4,5,6\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(cells(table)).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect([table.position(0), table.position(1)]).toEqual([2, 3]);
    expect(table.positionKind).toBe('line');
  });

  it('unquotes quoted fields: delimiters, escaped quotes, newlines inside quotes', () => {
    const table = parse('id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,plain\n');
    expect(cells(table)).toEqual([
      ['1', 'a, b'],
      ['2', 'say "hi"'],
      ['3', 'two\nlines'],
      ['4', 'plain'],
    ]);
    // The quoted newline moves the next record one line down.
    expect([0, 1, 2, 3].map((row) => table.position(row))).toEqual([2, 3, 4, 6]);
  });

  it('handles CRLF line ends, a BOM, a last line without newline and blank lines', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\r\n1,"x"\r\n\r\n2,y')]);
    const table = parse(bytes);
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(cells(table)).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
    expect(table.position(1)).toBe(4);
  });

  it('keeps a carriage return that does not end a line', () => {
    expect(cells(parse('a,b\r\nx\r,y\r\n'))).toEqual([['x\r', 'y']]);
  });

  it('reads empty fields, quoted or not, as empty text', () => {
    const table = parse('a,b,c\n,"",x\n');
    expect(cells(table)).toEqual([['', '', 'x']]);
    expect(table.columns[1]!.number(0)).toBeNaN();
  });

  it('reads UTF-8 text and names an unnamed column by its position', () => {
    const table = parse(',ville\n1,Zürich\n2,"São Paulo"\n');
    expect(table.columns.map((c) => c.name)).toEqual(['column_1', 'ville']);
    expect(table.columns[1]!.text(0)).toBe('Zürich');
    expect(encodeRawColumn(table.columns[1]!).values).toEqual(['Zürich', 'São Paulo']);
  });

  it('parses numbers from the bytes, quoted or not, exactly as Number() does', () => {
    const table = parse(
      'x\n2109.19\n"12.5"\n1e3\n-3\n+0.5\n.5\n 7 \n123456789012345678\n1.7976931348623157e308\n',
    );
    const values = Array.from({ length: table.rowCount }, (_, row) => table.columns[0]!.number(row));
    expect(values).toEqual([
      2109.19,
      12.5,
      1000,
      -3,
      0.5,
      0.5,
      7,
      Number('123456789012345678'),
      1.7976931348623157e308,
    ]);
  });

  it('refuses non-numeric text as a number', () => {
    const table = parse('x\n"12,5"\nabc\n$5\n0x10\n1e\n-\nNaN\n1e400\n');
    for (let row = 0; row < table.rowCount; row++) expect(table.columns[0]!.number(row)).toBeNaN();
  });

  it('parses decimals from bytes bit for bit like Number() on many values', () => {
    const texts: string[] = [];
    let seed = 12345;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let i = 0; i < 5000; i++) {
      const value = Math.exp(next() * 30 - 10) * (next() < 0.2 ? -1 : 1);
      texts.push(
        value.toFixed(Math.floor(next() * 8)),
        String(value),
        value.toExponential(Math.floor(next() * 12)),
      );
    }
    const mismatches: string[] = [];
    let fastParsed = 0;
    for (const text of texts) {
      const bytes = Buffer.from(text);
      const fast = parseDecimalBytes(bytes, 0, bytes.length);
      if (Number.isNaN(fast)) continue;
      fastParsed++;
      if (!Object.is(fast, Number(text))) mismatches.push(text);
    }
    expect(mismatches).toEqual([]);
    expect(fastParsed).toBeGreaterThan(texts.length / 2);
  });

  it('encodes categories by value: quoted and unquoted spellings are one category, "" is missing', () => {
    const table = parse('risk\nHIGH\n"HIGH"\nLOW\n""\n\nLOW\n');
    const { codes, values } = encodeRawColumn(table.columns[0]!);
    expect(values).toEqual(['HIGH', 'LOW']);
    expect([...codes]).toEqual([0, 0, 1, -1, 1]);
  });

  it('refuses an unterminated quote, naming the line where it opened', () => {
    const error = parseError('a,b\n1,2\n3,"open\n4,5\n');
    expect(error.code).toBe('DATA_PARSE_FAILED');
    expect(error.message).toMatch(/line 3: a quoted field is not closed/);
  });

  it('refuses text after a closing quote, naming its line', () => {
    const error = parseError('a,b\n1,"x"y\n');
    expect(error.code).toBe('DATA_PARSE_FAILED');
    expect(error.message).toMatch(/line 2: unexpected 'y' after a closing quote/);
  });

  it('refuses a record with more or fewer fields than the header, naming its line', () => {
    expect(parseError('a,b\n1,2\n3\n').message).toMatch(/line 3: 1 field, but the header has 2/);
    expect(parseError('a,b\n1,2\n\n3,4,5\n').message).toMatch(/line 4: 3 fields, but the header has 2/);
  });

  it('refuses a header naming a column twice', () => {
    expect(parseError('a,b,a\n1,2,3\n').message).toMatch(/line 1: the header names column 'a' twice/);
  });

  it('reads an empty file as no columns and no rows, and a header alone as no rows', () => {
    expect(parse('').columns).toHaveLength(0);
    const headerOnly = parse('a,b\n');
    expect(headerOnly.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(headerOnly.rowCount).toBe(0);
  });

  it('reads .csv and gzipped .csv.gz files from disk', async () => {
    const text = 'a,b\n1,x\n2,y\n';
    const plain = await readCsv(temp.write('plain.csv', text));
    const gzipped = await readCsv(temp.write('packed.csv.gz', gzipSync(text)));
    expect(cells(gzipped)).toEqual(cells(plain));
    expect(cells(plain)).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
  });

  it('refuses a corrupt .csv.gz file', async () => {
    await expect(readCsv(temp.write('bad.csv.gz', 'not gzip'))).rejects.toMatchObject({
      code: 'DATA_PARSE_FAILED',
    });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonLines } from '../../src/adapters/data/readers/parse-json-lines.js';
import { readJsonLines } from '../../src/adapters/data/readers/read-json-lines.js';
import { tempDir } from './data-test-kit.js';

describe('JSON Lines reader', () => {
  const temp = tempDir('jsonl');
  afterAll(() => temp.remove());

  it('reads one object per line into columns, the union of keys in order of appearance', () => {
    const table = parseJsonLines(
      '{"amount": 12.5, "risk_pld": "HIGH"}\n\n{"amount": "7", "note": {"k": 1}}\n{"amount": null}\n',
      'inline.jsonl',
    );
    expect(table.columns.map((c) => c.name)).toEqual(['amount', 'risk_pld', 'note']);
    const [amount, risk, note] = table.columns;
    expect([0, 1, 2].map((row) => amount!.number(row))).toEqual([12.5, 7, Number.NaN]);
    expect([0, 1, 2].map((row) => risk!.text(row))).toEqual(['HIGH', '', '']);
    expect(note!.text(1)).toBe('{"k":1}');
    // The blank line 2 is skipped; rows keep their own lines.
    expect([0, 1, 2].map((row) => table.position(row))).toEqual([1, 3, 4]);
  });

  it('does not take booleans or non-numeric strings as numbers', () => {
    const table = parseJsonLines('{"x": true}\n{"x": "12,5"}\n', 'inline.jsonl');
    expect(table.columns[0]!.number(0)).toBeNaN();
    expect(table.columns[0]!.number(1)).toBeNaN();
    expect(table.columns[0]!.text(0)).toBe('true');
  });

  it('refuses a line that is not JSON, naming the line', () => {
    expect(() => parseJsonLines('{"x": 1}\n{"x": 2,,}\n', 'inline.jsonl')).toThrow(/line 2: not valid JSON/);
  });

  it('refuses a line that is not an object, naming the line', () => {
    expect(() => parseJsonLines('{"x": 1}\n\n[1, 2]\n', 'inline.jsonl')).toThrow(
      expect.objectContaining({
        code: 'DATA_PARSE_FAILED',
        message: expect.stringMatching(/line 3: expected a JSON object/),
      }),
    );
  });

  it('reads a .jsonl file from disk', async () => {
    const table = await readJsonLines(temp.write('cases.ndjson', '{"a":"x"}\r\n{"a":"y"}'));
    expect(table.rowCount).toBe(2);
    expect(table.columns[0]!.text(1)).toBe('y');
  });
});

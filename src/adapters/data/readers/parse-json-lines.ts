import type { RawTable } from '../../../core/dataset/index.js';
import { rawTableFromColumns } from '../../../core/dataset/index.js';
import { AmlopsError } from '../../../core/errors/index.js';

/**
 * Parses JSON Lines text: one JSON object per line, blank lines skipped. Columns are the union of
 * the objects' keys in order of first appearance; a key absent from a line is a missing cell.
 * Each object is dropped once its values are moved into the columns.
 *
 * @example
 * const table = parseJsonLines('{"a": 1}\n{"a": 2, "b": "x"}\n', 'inline.jsonl');
 * table.columns[1].text(0); // '' (missing)
 * table.position(1); // 2 (line 2)
 */
export function parseJsonLines(text: string, source: string): RawTable {
  const columns = new Map<string, unknown[]>();
  const lines: number[] = [];
  let line = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const content = text.slice(start, end).trim();
    start = end + 1;
    if (content === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(content);
    } catch (error) {
      throw new AmlopsError(
        'DATA_PARSE_FAILED',
        `${source}: line ${line}: not valid JSON (${(error as Error).message})`,
        { file: source, line },
        { cause: error },
      );
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record))
      throw new AmlopsError('DATA_PARSE_FAILED', `${source}: line ${line}: expected a JSON object per line`, {
        file: source,
        line,
      });
    const row = lines.length;
    for (const [key, value] of Object.entries(record)) {
      let values = columns.get(key);
      if (!values) {
        values = new Array<unknown>(row).fill(null);
        columns.set(key, values);
      }
      values[row] = value;
    }
    lines.push(line);
    for (const values of columns.values()) if (values.length === row) values.push(null);
  }
  return rawTableFromColumns(Object.fromEntries(columns), { kind: 'line', positions: lines });
}

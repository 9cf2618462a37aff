import { AmlopsError } from '../errors/index.js';
import { type ColumnarInput, columnarInput } from './columnar-input.js';

/**
 * Reads the original's columnar body, `{"col": [values…], …}` (pandas' `DataFrame(dict)`): every
 * member an array of one length. `ignore` names members that are options, not columns (`explain`).
 *
 * @example
 * columnsFromObject({ risk_pld: ['HIGH'], total_income_dollar_amount: [1305.06] }, ['explain']).rowCount; // 1
 */
export function columnsFromObject(
  body: Readonly<Record<string, unknown>>,
  ignore: readonly string[] = [],
  where = 'the body',
): ColumnarInput {
  const entries: [string, readonly unknown[]][] = [];
  for (const name of Object.keys(body)) {
    if (ignore.includes(name)) continue;
    const values = body[name];
    if (!Array.isArray(values))
      throw new AmlopsError(
        'SCORING_INPUT_INVALID',
        `column ${JSON.stringify(name)} of ${where} must be an array of values, one per case; got ${describe(values)}`,
        { column: name },
      );
    entries.push([name, values]);
  }
  return columnarInput(entries);
}

/** A short description of a JSON value's kind, for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

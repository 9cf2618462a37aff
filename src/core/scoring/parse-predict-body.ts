import { AmlopsError } from '../errors/index.js';
import type { ColumnarInput } from './columnar-input.js';
import { columnsFromObject, describe } from './columns-from-object.js';
import { columnsFromRecords } from './columns-from-records.js';
import { isPlainObject } from './is-plain-object.js';

/** A `/predict` request: its cases and whether reasons were asked for in the body. */
export interface PredictRequest {
  readonly input: ColumnarInput;
  readonly explain: boolean;
}

/**
 * Reads a `/predict` body: the original's columns (`{"col": [values…]}`, with an optional
 * `"explain": true` member) or a list of records (`[{"col": v}, …]`).
 *
 * @example
 * parsePredictBody({ risk_pld: ['HIGH'], total_income_dollar_amount: [1305.06], explain: true }).explain; // true
 */
export function parsePredictBody(body: unknown): PredictRequest {
  if (Array.isArray(body)) return { input: columnsFromRecords(body), explain: false };
  if (!isPlainObject(body))
    throw new AmlopsError(
      'SCORING_INPUT_INVALID',
      `the body must be a JSON object of columns ({"column": [values…]}) or a list of records; got ${describe(body)}`,
    );
  const explain = body.explain;
  if (explain !== undefined && typeof explain !== 'boolean')
    throw new AmlopsError(
      'SCORING_INPUT_INVALID',
      `"explain" must be true or false; got ${describe(explain)}`,
    );
  return { input: columnsFromObject(body, ['explain']), explain: explain === true };
}

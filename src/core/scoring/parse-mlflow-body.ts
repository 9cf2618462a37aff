import { AmlopsError } from '../errors/index.js';
import type { ColumnarInput } from './columnar-input.js';
import { columnsFromObject, describe } from './columns-from-object.js';
import { columnsFromRecords } from './columns-from-records.js';
import { columnsFromRows } from './columns-from-rows.js';
import { isPlainObject } from './is-plain-object.js';

const FORMATS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;

/**
 * Reads a JSON body of MLflow's scoring protocol (`POST /invocations`): exactly one of
 * `dataframe_split` (`{columns, data, index?}`), `dataframe_records` (records), `instances` or
 * `inputs` (records, or an object of columns), plus an optional `params` object (ignored).
 *
 * @example
 * parseMlflowBody({ dataframe_split: { columns: ['risk_pld'], data: [['HIGH']] } }).rowCount; // 1
 */
export function parseMlflowBody(body: unknown): ColumnarInput {
  if (!isPlainObject(body))
    throw new AmlopsError(
      'SCORING_INPUT_INVALID',
      `the body must be a JSON object with one of ${FORMATS.join(', ')}; got ${describe(body)}`,
    );
  const given = FORMATS.filter((f) => body[f] !== undefined);
  const unknown = Object.keys(body).filter(
    (k) => !(FORMATS as readonly string[]).includes(k) && k !== 'params',
  );
  if (given.length !== 1 || unknown.length > 0)
    throw new AmlopsError(
      'SCORING_INPUT_INVALID',
      `the body must have exactly one of ${FORMATS.join(', ')} (and optionally params); got ${JSON.stringify(Object.keys(body))}`,
      { keys: Object.keys(body) },
    );
  const format = given[0]!;
  const value = body[format];
  if (format === 'dataframe_split') {
    if (!isPlainObject(value) || !Array.isArray(value.columns) || !Array.isArray(value.data))
      throw new AmlopsError(
        'SCORING_INPUT_INVALID',
        'dataframe_split must be {"columns": [names…], "data": [[values…], …]}',
      );
    return columnsFromRows(value.columns, value.data, 'dataframe_split');
  }
  if (Array.isArray(value)) return columnsFromRecords(value, format);
  if (isPlainObject(value) && format !== 'dataframe_records') return columnsFromObject(value, [], format);
  throw new AmlopsError(
    'SCORING_INPUT_INVALID',
    `${format} must be ${format === 'dataframe_records' ? 'a list of records' : 'a list of records or an object of columns'}; got ${describe(value)}`,
  );
}

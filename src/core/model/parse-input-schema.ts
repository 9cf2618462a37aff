import { AmlopsError } from '../errors/index.js';
import type { InputSchema } from './model-bundle.js';

/**
 * Checks an input schema read from a model file: `numeric` and `categorical` arrays of distinct,
 * non-empty names (no name in both), an optional `idColumn` that is not a feature, no other key.
 * Anything else is MODEL_FILE_INVALID naming the field.
 *
 * @example
 * parseInputSchema({ numeric: ['total_income_dollar_amount'], categorical: ['risk_pld'] });
 */
export function parseInputSchema(json: unknown): InputSchema {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('', 'must be an object');
  const o = json as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!['numeric', 'categorical', 'idColumn'].includes(key)) fail(`.${key}`, 'is not a known key');
  const numeric = names(o.numeric, '.numeric');
  const categorical = names(o.categorical, '.categorical');
  const both = numeric.find((n) => categorical.includes(n));
  if (both !== undefined) fail('', `lists ${JSON.stringify(both)} as both numeric and categorical`);
  if (numeric.length + categorical.length === 0) fail('', 'names no input column');
  if (o.idColumn === undefined) return { numeric, categorical };
  if (typeof o.idColumn !== 'string' || o.idColumn === '') fail('.idColumn', 'must be a non-empty string');
  const idColumn = o.idColumn as string;
  if (numeric.includes(idColumn) || categorical.includes(idColumn))
    fail('.idColumn', `${JSON.stringify(idColumn)} is also a feature column`);
  return { numeric, categorical, idColumn };
}

function names(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) fail(path, 'must be an array of column names');
  const list = value as unknown[];
  list.forEach((item, i) => {
    if (typeof item !== 'string' || item === '') fail(`${path}[${i}]`, 'must be a non-empty string');
  });
  const repeated = list.find((item, i) => list.indexOf(item) !== i);
  if (repeated !== undefined) fail(path, `lists ${JSON.stringify(repeated)} twice`);
  return list as string[];
}

function fail(path: string, problem: string): never {
  throw new AmlopsError(
    'MODEL_FILE_INVALID',
    `invalid input schema in the model: inputSchema${path} ${problem}`,
    {
      path: `inputSchema${path}`,
    },
  );
}

import type { ReferenceSample } from './reference-sample.js';

/**
 * Checks a reference sample read from storage (its shape and lengths), throwing an Error that says
 * what is wrong: a damaged artifact must not turn into a silent "no drift".
 *
 * @example
 * const sample = parseReferenceSample(JSON.parse(text));
 */
export function parseReferenceSample(json: unknown): ReferenceSample {
  const fail = (why: string): never => {
    throw new Error(`not a reference sample: ${why}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not a JSON object');
  const sample = json as Partial<ReferenceSample>;
  if (sample.formatVersion !== 1) fail(`formatVersion ${JSON.stringify(sample.formatVersion)} is not 1`);
  const rows = sample.rows;
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0) return fail('rows is not a count');
  if (!Array.isArray(sample.columns)) return fail('columns is not a list');
  if (!Array.isArray(sample.scores)) return fail('scores is not a list');
  for (const item of sample.columns as unknown[]) {
    const column = (item ?? {}) as { name?: unknown; kind?: unknown; values?: unknown };
    if (typeof column.name !== 'string') return fail('a column has no name');
    if (column.kind !== 'numeric' && column.kind !== 'categorical')
      return fail(`column ${column.name} has kind ${JSON.stringify(column.kind)}`);
    if (!Array.isArray(column.values) || column.values.length !== rows)
      return fail(`column ${column.name} does not have ${rows} values`);
    const type = column.kind === 'numeric' ? 'number' : 'string';
    if (!column.values.every((v) => v === null || typeof v === type))
      fail(`column ${column.name} holds a value that is not a ${type} or null`);
  }
  if (sample.scores.length !== 0 && sample.scores.length !== rows)
    fail(`scores does not have ${rows} values`);
  if (!sample.scores.every((s) => typeof s === 'number')) fail('a score is not a number');
  return sample as ReferenceSample;
}

import type { Finding } from '../findings/index.js';
import type { CategoricalColumn } from '../frame/index.js';
import type { DatasetSchema } from './dataset-schema.js';
import { formatExamples } from './format-examples.js';
import type { LabelSummary } from './label-summary.js';
import type { RawTable } from './raw-table.js';

/**
 * Checks the conclusion column: rows without a conclusion (fatal), a single class among labelled
 * rows (fatal), conclusions neither negative nor known positive (warning, with counts per value);
 * and summarises the labels.
 *
 * @example
 * const { findings, labels } = targetFindings(frame.get('conclusion') as CategoricalColumn, schema, raw);
 * labels.positiveRate; // 0.12
 */
export function targetFindings(
  target: CategoricalColumn,
  schema: Pick<DatasetSchema, 'negativeValue' | 'positiveValues'>,
  raw: Pick<RawTable, 'position' | 'positionKind'>,
): { findings: Finding[]; labels: LabelSummary } {
  const counts = new Float64Array(target.categories.length);
  const missingRows: number[] = [];
  let missing = 0;
  for (let row = 0; row < target.codes.length; row++) {
    const code = target.codes[row]!;
    if (code >= 0) counts[code]!++;
    else if (missing++ < 5) missingRows.push(row);
  }
  let negative = 0;
  let positive = 0;
  const byValue: [string, number][] = [];
  const unknown: [string, number][] = [];
  const known = new Set(schema.positiveValues);
  target.categories.forEach((value, code) => {
    const count = counts[code]!;
    if (count === 0) return;
    byValue.push([value, count]);
    if (value === schema.negativeValue) negative += count;
    else {
      positive += count;
      if (!known.has(value)) unknown.push([value, count]);
    }
  });
  byValue.sort((a, b) => b[1] - a[1]);
  unknown.sort((a, b) => b[1] - a[1]);
  const column = target.name;
  const findings: Finding[] = [];
  if (missing > 0) {
    const examples = missingRows.map((row) => ({ position: raw.position(row), text: '' }));
    findings.push({
      code: 'MISSING_TARGET',
      path: column,
      severity: 'fatal',
      message: `${missing} row${missing === 1 ? '' : 's'} without a ${column} (no label): ${formatExamples(examples, raw.positionKind, false)}${missing > examples.length ? ', …' : ''}`,
      value: missing,
      details: {
        positionKind: raw.positionKind,
        examples: examples.map((e) => ({ [raw.positionKind]: e.position })),
      },
    });
  }
  if (negative + positive > 0 && (negative === 0 || positive === 0)) {
    const only = negative === 0 ? 1 : 0;
    findings.push({
      code: 'SINGLE_CLASS_TARGET',
      path: column,
      severity: 'fatal',
      message: `every labelled row has label ${only} (${column} ${only === 0 ? `is always ${schema.negativeValue}` : `is never ${schema.negativeValue}`}); both classes are needed`,
      value: only,
      details: { negative, positive },
    });
  }
  if (unknown.length > 0) {
    const total = unknown.reduce((sum, [, count]) => sum + count, 0);
    findings.push({
      code: 'UNKNOWN_TARGET_VALUE',
      path: column,
      severity: 'warning',
      message: `${total} row${total === 1 ? '' : 's'} with a ${column} that is neither ${schema.negativeValue} nor a known positive value (counted as label 1): ${unknown.map(([v, c]) => `'${v}' ${c}`).join(', ')}`,
      value: total,
      details: { values: Object.fromEntries(unknown), knownPositive: schema.positiveValues },
    });
  }
  const labelled = negative + positive;
  return {
    findings,
    labels: {
      negative,
      positive,
      missing,
      positiveRate: labelled === 0 ? 0 : positive / labelled,
      byValue: Object.fromEntries(byValue),
    },
  };
}

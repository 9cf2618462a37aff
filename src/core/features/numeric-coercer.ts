import type { Finding } from '../findings/finding.js';
import type { Column } from '../frame/column.js';
import type { MissingPolicy } from './feature-spec.js';
import { numericValues } from './numeric-values.js';

/**
 * Writes `column` as numbers into `output`: missing values (and text that is not a number) kept
 * as NaN or filled, per the pipeline's policy. Returns a `NON_NUMERIC_VALUE` finding (count and first
 * rows) when some present values were not numbers: they are never silently read as zero.
 *
 * @example
 * coerceNumeric(amountColumn, { strategy: 'keep' }, new Float32Array(frame.rowCount));
 */
export function coerceNumeric(column: Column, missing: MissingPolicy, output: Float32Array): Finding[] {
  const { values, invalidCount, invalidExamples } = numericValues(column);
  const fill = missing.strategy === 'fill' ? missing.value : Number.NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    output[i] = !Number.isNaN(v) ? v : fill;
  }
  if (invalidCount === 0) return [];
  const rows = invalidExamples.map((e) => `row ${e.row}: ${JSON.stringify(e.value)}`).join(', ');
  return [
    {
      code: 'NON_NUMERIC_VALUE',
      path: column.name,
      severity: 'warning',
      message: `${invalidCount} value${invalidCount === 1 ? '' : 's'} of ${column.name} ${invalidCount === 1 ? 'is' : 'are'} not a number and ${missing.strategy === 'fill' ? `filled with ${missing.value}` : 'treated as missing'} (${rows})`,
      value: invalidCount,
      details: { examples: invalidExamples },
    },
  ];
}
